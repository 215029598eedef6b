import type { Rejection } from './directory-row';
import { quote } from './field-values';

/**
 * An account id may appear once per file: a later line with the same id is rejected, never
 * applied. "Later line wins" would make a re-import of the same file rewrite the record twice,
 * and would hide an export that lists one account twice with different data.
 */
export function duplicateRejection(line: number, accountId: string, firstLine: number): Rejection {
  return {
    line,
    field: 'id',
    reason: `${quote(accountId)} already appeared on line ${firstLine}; an account may appear only once in a file`,
  };
}
