import type { FieldError } from './problem-document';
import { RequestValidationError } from './request-validation';

// C0 and C1 controls and DEL. PostgreSQL refuses NUL in text and JSON, and the others have no
// business in an identifier, an address or a note. Free text (a hold's reason) may keep tab and
// line feed; a carriage return, a form feed or an escape sequence it may not.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlCharacter = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

const reportedFields = 20;

/**
 * The fields of a parsed request part (body, query, route params) whose text, or whose key,
 * holds a control character. Walked without recursion: a deeply nested JSON body cannot
 * exhaust the stack. Values other than strings, arrays and plain objects (a Buffer, a stream)
 * are not text and are left alone.
 */
export function fieldsWithControlCharacters(value: unknown, field = ''): string[] {
  const found: string[] = [];
  const pending: Array<[string, unknown]> = [[field, value]];
  while (pending.length > 0 && found.length < reportedFields) {
    const [path, current] = pending.pop() as [string, unknown];
    if (typeof current === 'string') {
      if (controlCharacter.test(current)) found.push(path);
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) {
        pending.push([join(path, String(index)), current[index]]);
      }
    } else if (isPlainObject(current)) {
      for (const [key, entry] of Object.entries(current).reverse()) {
        if (controlCharacter.test(key)) found.push(path || '');
        else pending.push([join(path, key), entry]);
      }
    }
  }
  return found;
}

/** Throws the 400 `request.invalid` answer naming each field that holds a control character. */
export function refuseControlCharacters(parts: ReadonlyArray<unknown>): void {
  const fields = parts.flatMap((part) => fieldsWithControlCharacters(part)).slice(0, reportedFields);
  if (fields.length === 0) return;
  const errors: FieldError[] = [...new Set(fields)].map((field) => ({
    field,
    message: 'Control characters are not allowed (only tab and line feed, in free text)',
  }));
  throw new RequestValidationError(errors);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
