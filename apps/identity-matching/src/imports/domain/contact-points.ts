import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { ContactPoint } from '../../directory/domain/directory-record';
import { InvalidValue } from './field-values';

/**
 * Emails and phones with their verified flags. In CSV a list reads `value:verified;value:unverified`
 * (no flag means unverified); in NDJSON it may also be `[{"value": ..., "verified": true}]`.
 *
 * An entry that cannot be read is left out and the others kept: one mistyped address must not
 * cost an account its verified one. What is said about a left-out entry names its position, never
 * its value: contacts are personal data, and reasons are stored, answered and printed.
 */
export type FlaggedEntry = { entry: number } & ({ value: string; verified: boolean } | { problem: string });

/** What a contact list kept, and why each left-out entry was left out. */
export interface ContactList {
  contacts: ContactPoint[];
  leftOut: string[];
}

const MAX_CONTACTS = 20;
const FLAGS: Record<string, boolean> = { verified: true, unverified: false };

/** Throws InvalidValue only when the list as a whole cannot be read (too many entries). */
export function parseFlaggedList(value: unknown, kind: 'email' | 'phone'): FlaggedEntry[] {
  if (value === undefined || value === null || value === '') return [];
  const items: unknown[] =
    typeof value === 'string' ? value.split(';') : Array.isArray(value) ? value : [value];
  const entries: FlaggedEntry[] = [];
  items.forEach((item, index) => {
    const entry = index + 1;
    if (typeof item === 'string') {
      if (item.trim() !== '') entries.push({ entry, ...splitFlag(item.trim(), kind) });
    } else if (isFlaggedObject(item)) {
      entries.push({ entry, value: item.value.trim(), verified: item.verified === true });
    } else {
      entries.push({
        entry,
        problem: 'must be text like "value:verified" or a {"value", "verified"} object',
      });
    }
  });
  if (entries.length > MAX_CONTACTS) throw new InvalidValue(`has more than ${MAX_CONTACTS} entries`);
  return entries;
}

function isFlaggedObject(item: unknown): item is { value: string; verified?: boolean } {
  if (typeof item !== 'object' || item === null) return false;
  const { value, verified } = item as Record<string, unknown>;
  return typeof value === 'string' && (verified === undefined || typeof verified === 'boolean');
}

function splitFlag(
  item: string,
  kind: 'email' | 'phone',
): { value: string; verified: boolean } | { problem: string } {
  const colon = item.lastIndexOf(':');
  if (colon < 0) return { value: item, verified: false };
  const suffix = item.slice(colon + 1).trim();
  const flag = FLAGS[suffix.toLowerCase()];
  if (flag !== undefined) return { value: item.slice(0, colon).trim(), verified: flag };
  // A colon can belong to an address (a quoted local part), never to a domain or a phone number.
  if (kind === 'email' && suffix.includes('@')) return { value: item, verified: false };
  return { problem: 'the flag after the last ":" must be verified or unverified' };
}

function leftOut(entry: number, problem: string): string {
  return `entry ${entry} left out: ${problem}`;
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

export function normaliseEmails(entries: FlaggedEntry[]): ContactList {
  const contacts: ContactPoint[] = [];
  const problems: string[] = [];
  for (const item of entries) {
    if ('problem' in item) {
      problems.push(leftOut(item.entry, item.problem));
      continue;
    }
    const address = normaliseEmail(item.value);
    if (isEmailAddress(address)) contacts.push({ value: address, verified: item.verified });
    else problems.push(leftOut(item.entry, 'not an email address'));
  }
  return { contacts: mergeRepeats(contacts), leftOut: problems };
}

export function isPhoneRegion(region: string): region is CountryCode {
  return isSupportedCountry(region);
}

/** E.164. A number without a country code is read in `region` (the line's phone_region or the default). */
export function normalisePhones(entries: FlaggedEntry[], region: CountryCode | undefined): ContactList {
  const contacts: ContactPoint[] = [];
  const problems: string[] = [];
  for (const item of entries) {
    const read = 'problem' in item ? item : readPhone(item.value, region);
    if ('problem' in read) problems.push(leftOut(item.entry, read.problem));
    else contacts.push({ value: read.number, verified: (item as { verified: boolean }).verified });
  }
  return { contacts: mergeRepeats(contacts), leftOut: problems };
}

function readPhone(value: string, region: CountryCode | undefined): { number: string } | { problem: string } {
  const international = value.startsWith('+');
  if (!international && region === undefined) {
    return { problem: 'has no +country code; write it as +<country code><number> or set phone_region' };
  }
  const number = parsePhoneNumberFromString(value, region === undefined ? {} : { defaultCountry: region });
  if (number && number.isValid()) return { number: number.number };
  const where = international || region === undefined ? '' : ` in region ${region}`;
  return { problem: `not a valid phone number${where}` };
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
