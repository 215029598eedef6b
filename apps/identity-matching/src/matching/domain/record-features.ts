import type { DirectoryRecord } from '../../directory/domain/directory-record';
import { foldToLatin, soundex } from './phonetic-key';

/**
 * What the comparisons and blocking rules read from a record, computed once per record rather than
 * once per candidate pair. Columns, not objects: one array per feature, indexed by the record's
 * position in its directory. Empty string or 0 means missing.
 */
export interface RecordFeatures {
  count: number;
  givenName: string[];
  familyName: string[];
  familyPhonetic: string[];
  birthYear: Int32Array;
  birthMonth: Uint8Array;
  birthDay: Uint8Array;
  postalCode: string[];
  addressTokens: string[][];
  emails: string[][];
  emailLocalParts: string[][];
  phones: string[][];
}

export function extractFeatures(records: readonly DirectoryRecord[]): RecordFeatures {
  const count = records.length;
  const features: RecordFeatures = {
    count,
    givenName: new Array<string>(count),
    familyName: new Array<string>(count),
    familyPhonetic: new Array<string>(count),
    birthYear: new Int32Array(count),
    birthMonth: new Uint8Array(count),
    birthDay: new Uint8Array(count),
    postalCode: new Array<string>(count),
    addressTokens: new Array<string[]>(count),
    emails: new Array<string[]>(count),
    emailLocalParts: new Array<string[]>(count),
    phones: new Array<string[]>(count),
  };
  for (let index = 0; index < count; index++) {
    const record = records[index] as DirectoryRecord;
    features.givenName[index] = foldToLatin(record.givenName ?? '');
    features.familyName[index] = foldToLatin(record.familyName ?? '');
    features.familyPhonetic[index] = soundex(record.familyName ?? '');
    const birth = parseIsoDate(record.dateOfBirth);
    features.birthYear[index] = birth.year;
    features.birthMonth[index] = birth.month;
    features.birthDay[index] = birth.day;
    features.postalCode[index] = normalisePostalCode(record.address?.postalCode);
    features.addressTokens[index] = addressTokensOf(record);
    const emails = unique(record.emails.map((email) => email.value));
    features.emails[index] = emails;
    features.emailLocalParts[index] = unique(emails.map(localPartOf));
    features.phones[index] = unique(record.phones.map((phone) => phone.value));
  }
  return features;
}

function parseIsoDate(value: string | undefined): { year: number; month: number; day: number } {
  const match = value === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (match === null) return { year: 0, month: 0, day: 0 };
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function normalisePostalCode(value: string | undefined): string {
  return (value ?? '').toUpperCase().replace(/[^0-9A-Z]/g, '');
}

function addressTokensOf(record: DirectoryRecord): string[] {
  const address = record.address;
  if (address === undefined) return [];
  const text = [...address.lines, address.locality ?? ''].join(' ');
  const tokens = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 0);
  return unique(tokens);
}

export function localPartOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? email : email.slice(0, at);
}

function unique(values: string[]): string[] {
  return values.length < 2 ? values : [...new Set(values)];
}
