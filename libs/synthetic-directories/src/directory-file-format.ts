import type { ContactPoint, DirectoryFileFormat, DirectoryRecord } from './directory-record';

/**
 * Writes records in identity-matching's import format (its README), so demos, benchmarks and tests
 * produce files the importer reads back unchanged; its round-trip spec holds the two together.
 * Phones are already E.164, so the optional phone_region column is left out.
 */
const WRITTEN_COLUMNS = [
  'id',
  'emails',
  'phones',
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

type DirectoryColumn = (typeof WRITTEN_COLUMNS)[number];

export function fileHeader(format: DirectoryFileFormat): string {
  return format === 'csv' ? `${WRITTEN_COLUMNS.join(',')}\n` : '';
}

export function formatRecord(record: DirectoryRecord, format: DirectoryFileFormat): string {
  const values = columnValues(record);
  if (format === 'ndjson') return `${JSON.stringify(values)}\n`;
  return `${WRITTEN_COLUMNS.map((column) => csvField(csvText(values[column]))).join(',')}\n`;
}

type ColumnValue = string | boolean | string[] | ContactPoint[] | undefined;

function columnValues(record: DirectoryRecord): Partial<Record<DirectoryColumn, ColumnValue>> {
  const [line1, line2] = record.address?.lines ?? [];
  return {
    id: record.id,
    emails: record.emails.map(({ value, verified }) => ({ value, verified })),
    phones: record.phones.map(({ value, verified }) => ({ value, verified })),
    given_name: record.givenName,
    family_name: record.familyName,
    date_of_birth: record.invalidDateOfBirth ?? record.dateOfBirth,
    address_line1: line1,
    address_line2: line2,
    address_locality: record.address?.locality,
    address_postal_code: record.address?.postalCode,
    address_country: record.address?.country,
    created_at: record.createdAt?.toISOString(),
    last_login_at: record.lastLoginAt?.toISOString(),
    roles: record.roles,
    partner_linked: record.partnerLinked,
    social_providers: record.socialProviders,
    mfa_methods: record.mfaMethods,
    social_only: record.socialOnly,
  };
}

function csvText(value: ColumnValue): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  return value
    .map((item) =>
      typeof item === 'string' ? item : `${item.value}:${item.verified ? 'verified' : 'unverified'}`,
    )
    .join(';');
}

/** RFC 4180: a value holding a comma, quote or line break is quoted, its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
