import { RekeyError } from '@rekey/problem-details';

/**
 * The file is not a directory export at all (binary, not UTF-8, wrong header, not NDJSON): it is
 * refused whole, nothing of it is stored. Lines that are merely invalid are rejections instead.
 */
export class DirectoryFileRefused extends RekeyError {
  constructor(
    readonly fileName: string,
    readonly reason: string,
    importId?: string,
  ) {
    super('directory-import.file-refused', `${fileName} refused: ${reason}`, {
      detail: `${fileName} was refused whole and nothing of it was imported${
        importId ? ` (import ${importId})` : ''
      }: ${reason}`,
    });
  }
}

export class DirectoryImportNotFound extends RekeyError {
  constructor(importId: string) {
    super('directory-import.not-found', `import ${importId} not found`, {
      detail: 'There is no directory import with this id.',
    });
  }
}

export class UnsupportedUploadType extends RekeyError {
  constructor(contentType: string | undefined, expected: string) {
    super(
      'directory-import.unsupported-media-type',
      `upload content type ${contentType ?? '(none)'} refused`,
      {
        detail: `Send the file as the raw request body with Content-Type ${expected}${
          contentType ? `, not ${contentType}` : ''
        }.`,
      },
    );
  }
}
