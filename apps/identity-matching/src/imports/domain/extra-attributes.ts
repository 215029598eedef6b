import { isDirectoryColumn } from './directory-columns';
import { InvalidValue, parseText, quote } from './field-values';

/**
 * Attributes beyond the directory columns that an import is told to keep (a loyalty number, a
 * branch code). A file naming any other column is refused: a misspelt column would otherwise be
 * dropped without a word. Names are lowercase snake_case, as the columns are.
 */
const ATTRIBUTE_NAME = /^[a-z][a-z0-9_]{0,62}$/;
export const MAX_ATTRIBUTE_LENGTH = 200;

/** What is wrong with a declared list of names, or an empty list when nothing is. */
export function extraAttributeProblems(names: readonly string[]): string[] {
  const problems: string[] = [];
  names.forEach((name, index) => {
    if (!ATTRIBUTE_NAME.test(name)) {
      problems.push(`${quote(name)} is not a lowercase snake_case name of at most 63 characters`);
    } else if (isDirectoryColumn(name)) {
      problems.push(`${quote(name)} is already a directory column`);
    } else if (names.indexOf(name) !== index) {
      problems.push(`${quote(name)} is declared twice`);
    }
  });
  return problems;
}

/** Trimmed text, or undefined when empty. */
export function parseAttribute(value: unknown): string | undefined {
  if (value !== undefined && value !== null && typeof value !== 'string') {
    throw new InvalidValue('must be text');
  }
  return parseText(value, MAX_ATTRIBUTE_LENGTH);
}

/** Why a file naming `unknown` columns or keys is refused, naming what it may name instead. */
export function unknownNamesReason(unknown: readonly string[], extraAttributes: readonly string[]): string {
  const shown = unknown.slice(0, 10).map(quote).join(', ');
  const names = unknown.length > 10 ? `${shown} and ${unknown.length - 10} more` : shown;
  const declared = extraAttributes.length > 0 ? extraAttributes.join(', ') : 'none';
  return (
    `${names} ${unknown.length > 1 ? 'are neither directory columns' : 'is neither a directory column'} ` +
    `nor a declared extra attribute (declared: ${declared})`
  );
}
