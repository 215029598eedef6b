import type { CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';
import type { DirectoryRecord, DirectorySide } from '../../directory/domain/directory-record';
import { isPhoneRegion, normaliseEmails, normalisePhones, parseFlaggedList } from './contact-points';
import {
  InvalidValue,
  parseBoolean,
  parseCountryCode,
  parseDate,
  parseList,
  parseText,
  parseTimestamp,
  quote,
} from './field-values';

/** Why one line of a file was not imported. `field` is the column (or NDJSON key) at fault. */
export interface Rejection {
  line: number;
  field?: string;
  reason: string;
}

export type RowOutcome = { record: DirectoryRecord } | { rejection: Rejection };

/** A zod schema whose every field runs one of the parsers, turning InvalidValue into an issue. */
function value<T>(parse: (input: unknown) => T) {
  return z.unknown().transform((input, context) => {
    try {
      return parse(input);
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error;
      context.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  });
}

function parseAccountId(input: unknown): string {
  const id = parseText(typeof input === 'number' && Number.isSafeInteger(input) ? String(input) : input, 255);
  if (id === undefined) throw new InvalidValue('is empty; every line needs the account id');
  return id;
}

function parsePhoneRegion(input: unknown): CountryCode | undefined {
  const region = parseCountryCode(input);
  if (region === undefined || isPhoneRegion(region)) return region;
  throw new InvalidValue(`${quote(region)} is not a region with a telephone numbering plan`);
}

const list = (maxItems: number, lowerCase = false) =>
  value((input) => parseList(input, { maxItems, maxLength: 100, lowerCase }));

const rowShape = {
  id: value(parseAccountId),
  emails: value((input) => normaliseEmails(parseFlaggedList(input, 'email'))),
  phones: value((input) => parseFlaggedList(input, 'phone')),
  phone_region: value(parsePhoneRegion),
  given_name: value((input) => parseText(input, 200)),
  family_name: value((input) => parseText(input, 200)),
  date_of_birth: value(parseDate),
  address_line1: value((input) => parseText(input, 300)),
  address_line2: value((input) => parseText(input, 300)),
  address_locality: value((input) => parseText(input, 200)),
  address_postal_code: value((input) => parseText(input, 20)),
  address_country: value(parseCountryCode),
  created_at: value(parseTimestamp),
  last_login_at: value(parseTimestamp),
  roles: list(50),
  partner_linked: value(parseBoolean),
  social_providers: list(20, true),
  mfa_methods: list(20, true),
  social_only: value(parseBoolean),
};

type ParsedRow = z.output<z.ZodObject<typeof rowShape>>;

// An absent column (phone_region) or NDJSON key reads as empty, like an empty CSV value.
const EMPTY_ROW: Record<string, null> = Object.fromEntries(Object.keys(rowShape).map((key) => [key, null]));

/**
 * Validates one line (CSV values by column, or an NDJSON object) into a DirectoryRecord of
 * `side`. Phones without a country code are read in the line's phone_region, else in
 * `defaultPhoneRegion`.
 */
export function directoryRowValidator(side: DirectorySide, defaultPhoneRegion?: CountryCode) {
  const schema = z.strictObject(rowShape).transform((row, context) => {
    try {
      return toRecord(side, row, normalisePhones(row.phones, row.phone_region ?? defaultPhoneRegion));
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error;
      context.addIssue({ code: 'custom', message: error.message, path: ['phones'] });
      return z.NEVER;
    }
  });
  return (line: number, input: Record<string, unknown>): RowOutcome => {
    const result = schema.safeParse({ ...EMPTY_ROW, ...input });
    return result.success ? { record: result.data } : { rejection: rejectionOf(line, result.error.issues) };
  };
}

function rejectionOf(line: number, issues: z.core.$ZodIssue[]): Rejection {
  const problems = issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? {
          field: issue.keys[0] as string,
          reason: `${issue.keys.map(quote).join(', ')} ${issue.keys.length > 1 ? 'are not' : 'is not'} a directory column`,
        }
      : { field: String(issue.path[0] ?? ''), reason: issue.message },
  );
  const [first, ...others] = problems as [
    { field: string; reason: string },
    ...Array<{ field: string; reason: string }>,
  ];
  const reason = [first.reason, ...others.map((other) => `also ${other.field}: ${other.reason}`)].join('; ');
  return { line, ...(first.field ? { field: first.field } : {}), reason };
}

function toRecord(side: DirectorySide, row: ParsedRow, phones: DirectoryRecord['phones']): DirectoryRecord {
  const record: DirectoryRecord = {
    side,
    id: row.id,
    emails: row.emails,
    phones,
    roles: row.roles,
    partnerLinked: row.partner_linked,
    socialProviders: row.social_providers,
    mfaMethods: row.mfa_methods,
    socialOnly: row.social_only,
  };
  if (row.given_name !== undefined) record.givenName = row.given_name;
  if (row.family_name !== undefined) record.familyName = row.family_name;
  if (row.date_of_birth !== undefined) record.dateOfBirth = row.date_of_birth;
  const lines = [row.address_line1, row.address_line2].filter((line): line is string => line !== undefined);
  if (lines.length > 0 || row.address_locality || row.address_postal_code || row.address_country) {
    record.address = {
      lines,
      ...(row.address_locality !== undefined ? { locality: row.address_locality } : {}),
      ...(row.address_postal_code !== undefined ? { postalCode: row.address_postal_code } : {}),
      ...(row.address_country !== undefined ? { country: row.address_country } : {}),
    };
  }
  if (row.created_at !== undefined) record.createdAt = row.created_at;
  if (row.last_login_at !== undefined) record.lastLoginAt = row.last_login_at;
  return record;
}
