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
 * Only `id` must be there; any other column left out reads as empty. Since a column left out by
 * mistake (partner_linked, say) would then read as "no" for every account, the import reports
 * which known columns the file lacked, so the operator sees it before matching. phone_region is
 * not reported: without it numbers are read in the default region, which is what it is for.
 */
export const REQUIRED_COLUMN: DirectoryColumn = 'id';
const UNREPORTED_WHEN_MISSING: ReadonlySet<DirectoryColumn> = new Set(['phone_region']);

/** The known columns, other than phone_region, that none of `present` names. */
export function missingColumns(present: ReadonlySet<string>): DirectoryColumn[] {
  return DIRECTORY_COLUMNS.filter((column) => !present.has(column) && !UNREPORTED_WHEN_MISSING.has(column));
}

export type DirectoryFileFormat = 'csv' | 'ndjson';

export function isDirectoryColumn(name: string): name is DirectoryColumn {
  return (DIRECTORY_COLUMNS as readonly string[]).includes(name);
}
