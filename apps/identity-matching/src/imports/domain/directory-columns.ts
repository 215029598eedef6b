/**
 * The columns of a directory export: the CSV header names and, identically, the NDJSON keys.
 * README.md ("Directory export format") documents each one; keep the two in step.
 */
export const DIRECTORY_COLUMNS = [
  'id',
  'emails',
  'phones',
  'phone_region',
  'given_name',
  'family_name',
  'date_of_birth',
  'address_line1',
  'address_line2',
  'address_locality',
  'address_postal_code',
  'address_country',
  'created_at',
  'last_login_at',
  'roles',
  'partner_linked',
  'social_providers',
  'mfa_methods',
  'social_only',
] as const;

export type DirectoryColumn = (typeof DIRECTORY_COLUMNS)[number];

/**
 * A CSV header must name every other column, even when all its values are empty: a column left
 * out by mistake (partner_linked, say) would otherwise silently read as "no" for every account.
 */
export const OPTIONAL_CSV_COLUMNS: ReadonlySet<DirectoryColumn> = new Set(['phone_region']);

export type DirectoryFileFormat = 'csv' | 'ndjson';

export function isDirectoryColumn(name: string): name is DirectoryColumn {
  return (DIRECTORY_COLUMNS as readonly string[]).includes(name);
}
