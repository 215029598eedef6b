import type { ContactPoint, DirectoryRecord } from '../../directory/domain/directory-record';
import { DIRECTORY_COLUMNS, type DirectoryColumn, type DirectoryFileFormat } from './directory-columns';

/**
 * Writes records in the import format, so demos and benchmarks produce files the importer reads
 * back unchanged. Phones are already E.164, so CSV files leave out the optional phone_region.
 */
const WRITTEN_COLUMNS = DIRECTORY_COLUMNS.filter((column) => column !== 'phone_region');

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
    date_of_birth: record.dateOfBirth,
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
