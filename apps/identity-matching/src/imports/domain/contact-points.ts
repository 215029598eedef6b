import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { ContactPoint } from '../../directory/domain/directory-record';
import { InvalidValue, quote } from './field-values';

/**
 * Emails and phones with their verified flags. In CSV a list reads `value:verified;value:unverified`
 * (no flag means unverified); in NDJSON it may also be `[{"value": ..., "verified": true}]`.
 */
interface FlaggedValue {
  value: string;
  verified: boolean;
}

const MAX_CONTACTS = 20;
const FLAGS: Record<string, boolean> = { verified: true, unverified: false };

export function parseFlaggedList(value: unknown, kind: 'email' | 'phone'): FlaggedValue[] {
  if (value === undefined || value === null || value === '') return [];
  const items: unknown[] =
    typeof value === 'string' ? value.split(';') : Array.isArray(value) ? value : [value];
  const flagged: FlaggedValue[] = [];
  for (const item of items) {
    if (typeof item === 'string') {
      if (item.trim() !== '') flagged.push(splitFlag(item.trim(), kind));
    } else if (isFlaggedObject(item)) {
      flagged.push({ value: item.value.trim(), verified: item.verified === true });
    } else {
      throw new InvalidValue(
        `must be text like "value:verified;value:unverified" or a list of {"value", "verified"} objects`,
      );
    }
  }
  if (flagged.length > MAX_CONTACTS) throw new InvalidValue(`has more than ${MAX_CONTACTS} entries`);
  return flagged;
}

function isFlaggedObject(item: unknown): item is { value: string; verified?: boolean } {
  if (typeof item !== 'object' || item === null) return false;
  const { value, verified } = item as Record<string, unknown>;
  return typeof value === 'string' && (verified === undefined || typeof verified === 'boolean');
}

function splitFlag(item: string, kind: 'email' | 'phone'): FlaggedValue {
  const colon = item.lastIndexOf(':');
  if (colon < 0) return { value: item, verified: false };
  const suffix = item.slice(colon + 1).trim();
  const flag = FLAGS[suffix.toLowerCase()];
  if (flag !== undefined) return { value: item.slice(0, colon).trim(), verified: flag };
  // A colon can belong to an address (a quoted local part), never to a domain or a phone number.
  if (kind === 'email' && suffix.includes('@')) return { value: item, verified: false };
  throw new InvalidValue(`${quote(item)}: the flag after the last ":" must be verified or unverified`);
}

/**
 * Safe normalisation only: trimmed, Unicode NFKC, lower-cased. No dot or plus folding: those are
 * rules of some providers, and folding them elsewhere would merge different people's mailboxes.
 */
export function normaliseEmail(raw: string): string {
  return raw.trim().normalize('NFKC').toLowerCase();
}

export function isEmailAddress(address: string): boolean {
  if (address.length > 254 || /\s/.test(address)) return false;
  const at = address.indexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (at < 1 || local.length > 64 || domain.length === 0) return false;
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((label) => label.length > 0 && !label.includes('@'));
}

export function normaliseEmails(flagged: FlaggedValue[]): ContactPoint[] {
  return mergeRepeats(
    flagged.map(({ value, verified }) => {
      const address = normaliseEmail(value);
      if (!isEmailAddress(address)) throw new InvalidValue(`${quote(value)} is not an email address`);
      return { value: address, verified };
    }),
  );
}

export function isPhoneRegion(region: string): region is CountryCode {
  return isSupportedCountry(region);
}

/** E.164. A number without a country code is read in `region` (the line's phone_region or the default). */
export function normalisePhones(flagged: FlaggedValue[], region: CountryCode | undefined): ContactPoint[] {
  return mergeRepeats(
    flagged.map(({ value, verified }) => {
      const international = value.startsWith('+');
      if (!international && region === undefined) {
        throw new InvalidValue(
          `${quote(value)} has no +country code; write it as +<country code><number> or set phone_region`,
        );
      }
      const number = parsePhoneNumberFromString(
        value,
        region === undefined ? {} : { defaultCountry: region },
      );
      if (!number || !number.isValid()) {
        const where = international || region === undefined ? '' : ` in region ${region}`;
        throw new InvalidValue(`${quote(value)} is not a valid phone number${where}`);
      }
      return { value: number.number, verified };
    }),
  );
}

/** The same contact listed twice is kept once, verified if either listing says so. */
function mergeRepeats(contacts: ContactPoint[]): ContactPoint[] {
  const merged = new Map<string, ContactPoint>();
  for (const contact of contacts) {
    const earlier = merged.get(contact.value);
    if (earlier) earlier.verified ||= contact.verified;
    else merged.set(contact.value, { ...contact });
  }
  return [...merged.values()];
}
