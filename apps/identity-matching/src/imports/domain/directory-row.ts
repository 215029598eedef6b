import type { CountryCode } from 'libphonenumber-js/max';
import type { DirectoryRecord, DirectorySide } from '../../directory/domain/directory-record';
import {
  isPhoneRegion,
  normaliseEmails,
  normalisePhones,
  parseFlaggedList,
  type ContactList,
  type FlaggedEntry,
} from './contact-points';
import { parseAttribute } from './extra-attributes';
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

/** A value that could not be read: the line was imported without it (or, for contacts, without that entry). */
export interface FieldWarning {
  line: number;
  field: string;
  reason: string;
}

export type RowOutcome = { record: DirectoryRecord; warnings: FieldWarning[] } | { rejection: Rejection };

export interface RowValidatorOptions {
  side: DirectorySide;
  /** Where phones without a country code are read when the line has no phone_region. */
  defaultPhoneRegion?: CountryCode | undefined;
  /** Names beyond the directory columns kept with the record (see extra-attributes.ts). */
  extraAttributes?: readonly string[];
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

const list =
  (maxItems: number, lowerCase = false) =>
  (input: unknown) =>
    parseList(input, { maxItems, maxLength: 100, lowerCase });

/**
 * Validates one line (CSV values by column, or an NDJSON object) into a DirectoryRecord. Only the
 * account id can cost the line: without it there is nothing to link. Any other value that cannot
 * be read is left out with a warning, so a mistyped date of birth never loses a customer their
 * migration. An absent column or key reads as empty. Names the file may not use are the
 * reader's to refuse, before a line gets here.
 */
export function directoryRowValidator(options: RowValidatorOptions) {
  // Sorted, so that the stored attributes (and their content hash) do not depend on declaration order.
  const attributeNames = [...(options.extraAttributes ?? [])].sort();
  return (line: number, input: Record<string, unknown>): RowOutcome => {
    let id: string;
    try {
      id = parseAccountId(input['id']);
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error;
      return { rejection: { line, field: 'id', reason: error.message } };
    }
    const warnings: FieldWarning[] = [];
    const read = <T>(field: string, parse: (value: unknown) => T, missing: T): T => {
      try {
        return parse(input[field]);
      } catch (error) {
        if (!(error instanceof InvalidValue)) throw error;
        warnings.push({ line, field, reason: error.message });
        return missing;
      }
    };
    const contacts = (field: 'emails' | 'phones', normalise: (entries: FlaggedEntry[]) => ContactList) => {
      const { contacts: kept, leftOut } = normalise(
        read(field, (value) => parseFlaggedList(value, field === 'emails' ? 'email' : 'phone'), []),
      );
      if (leftOut.length > 0) warnings.push({ line, field, reason: leftOut.join('; ') });
      return kept;
    };

    const emails = contacts('emails', normaliseEmails);
    const warningsBefore = warnings.length;
    const phoneRegion = read('phone_region', parsePhoneRegion, undefined);
    // A phone_region that cannot be read is not replaced by the default: the line said its
    // numbers belong elsewhere, and reading them in the wrong country would link the wrong person.
    const region = warnings.length > warningsBefore ? undefined : (phoneRegion ?? options.defaultPhoneRegion);
    const phones = contacts('phones', (entries) => normalisePhones(entries, region));
    const text = (maxLength: number) => (value: unknown) => parseText(value, maxLength);

    const record: DirectoryRecord = {
      side: options.side,
      id,
      emails,
      phones,
      roles: [],
      partnerLinked: false,
      socialProviders: [],
      mfaMethods: [],
      socialOnly: false,
    };
    const givenName = read('given_name', text(200), undefined);
    const familyName = read('family_name', text(200), undefined);
    const dateOfBirth = read('date_of_birth', parseDate, undefined);
    if (givenName !== undefined) record.givenName = givenName;
    if (familyName !== undefined) record.familyName = familyName;
    if (dateOfBirth !== undefined) record.dateOfBirth = dateOfBirth;
    const address = {
      line1: read('address_line1', text(300), undefined),
      line2: read('address_line2', text(300), undefined),
      locality: read('address_locality', text(200), undefined),
      postalCode: read('address_postal_code', text(20), undefined),
      country: read('address_country', parseCountryCode, undefined),
    };
    const lines = [address.line1, address.line2].filter((value): value is string => value !== undefined);
    if (lines.length > 0 || address.locality || address.postalCode || address.country) {
      record.address = {
        lines,
        ...(address.locality !== undefined ? { locality: address.locality } : {}),
        ...(address.postalCode !== undefined ? { postalCode: address.postalCode } : {}),
        ...(address.country !== undefined ? { country: address.country } : {}),
      };
    }
    const createdAt = read('created_at', parseTimestamp, undefined);
    const lastLoginAt = read('last_login_at', parseTimestamp, undefined);
    if (createdAt !== undefined) record.createdAt = createdAt;
    if (lastLoginAt !== undefined) record.lastLoginAt = lastLoginAt;
    record.roles = read('roles', list(50), []);
    record.partnerLinked = read('partner_linked', parseBoolean, false);
    record.socialProviders = read('social_providers', list(20, true), []);
    record.mfaMethods = read('mfa_methods', list(20, true), []);
    record.socialOnly = read('social_only', parseBoolean, false);

    const attributes: Record<string, string> = {};
    for (const name of attributeNames) {
      const value = read(name, parseAttribute, undefined);
      if (value !== undefined) attributes[name] = value;
    }
    if (Object.keys(attributes).length > 0) record.attributes = attributes;
    return { record, warnings };
  };
}
