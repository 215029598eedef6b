import type { ProblemType } from '@rekey/problem-details';

/** How the HTTP edge answers the imports module's error codes. */
export const directoryImportProblemTypes = {
  'directory-import.file-refused': { status: 422, title: 'Directory file refused' },
  'directory-import.not-found': { status: 404, title: 'Directory import not found' },
  'directory-import.unsupported-media-type': { status: 415, title: 'Unsupported upload content type' },
} satisfies Record<string, ProblemType>;
