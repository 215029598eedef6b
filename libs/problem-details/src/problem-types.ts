/** How the HTTP edge answers one error code. */
export interface ProblemType {
  status: number;
  title: string;
}

/** Where the problem types are documented; `type` is this base plus the error code. */
export const PROBLEM_TYPE_BASE_URI = 'https://rekey.dev/problems/';

// Codes are dotted kebab-case segments, area first: `reset-token.expired`, `wave.already-launched`.
const codePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$/;

const problemTypes = new Map<string, ProblemType>();

/**
 * Declares how the HTTP edge answers some error codes. Each service registers its own codes once,
 * at start-up; registering a code again with another status or title is a mistake and throws.
 */
export function registerProblemTypes(types: Readonly<Record<string, ProblemType>>): void {
  for (const [code, type] of Object.entries(types)) {
    if (!codePattern.test(code)) {
      throw new Error(`Problem code "${code}" must be dotted kebab-case, such as "reset-token.expired"`);
    }
    if (!Number.isInteger(type.status) || type.status < 400 || type.status > 599) {
      throw new Error(`Problem code "${code}" needs an error status (400-599), not ${type.status}`);
    }
    if (type.title.trim() === '') throw new Error(`Problem code "${code}" needs a title`);
    const known = problemTypes.get(code);
    if (known && (known.status !== type.status || known.title !== type.title)) {
      throw new Error(`Problem code "${code}" is already registered as ${known.status} "${known.title}"`);
    }
    problemTypes.set(code, { status: type.status, title: type.title });
  }
}

export function problemTypeOf(code: string): ProblemType | undefined {
  return problemTypes.get(code);
}

export function problemTypeUri(code: string): string {
  return `${PROBLEM_TYPE_BASE_URI}${code}`;
}
