import type { DirectoryRecord } from '../../directory/domain/directory-record';
import { foldToLatin, soundex } from './phonetic-key';
import { RaggedIdsBuilder, Vocabulary, type RaggedIds } from './vocabulary';

/**
 * What the comparisons, blocking rules and the deterministic pass read from a directory, computed
 * once per record rather than once per candidate pair. Columns, not objects: one typed array per
 * feature, indexed by the record's position, with strings interned in a vocabulary shared by both
 * directories. A million records fit in a few hundred megabytes and the records themselves can be
 * dropped once extracted. 0 means missing.
 */
export interface RecordFeatures {
  count: number;
  /** Shared with the other directory's features: ids are comparable across the two. */
  vocabulary: Vocabulary;
  accountIds: string[];
  givenName: Int32Array;
  familyName: Int32Array;
  /** Soundex as a number below 27,000 (letter × 1000 + digits), so it can be part of a numeric key. */
  familyPhonetic: Int32Array;
  givenPhonetic: Int32Array;
  /** Soundex of the name without its first letter: survives a typo in that letter. */
  familyPhoneticTail: Int32Array;
  givenPhoneticTail: Int32Array;
  birthYear: Int32Array;
  birthMonth: Uint8Array;
  birthDay: Uint8Array;
  postalCode: Int32Array;
  addressTokens: RaggedIds;
  /** The first number of the address lines (the house number), interned. */
  streetNumber: Int32Array;
  /** The address line from its house number on ("12 mill lane"), interned. */
  streetLine: Int32Array;
  locality: Int32Array;
  /** The words of the address lines, numbers and locality left out. */
  addressWords: RaggedIds;
  emails: RaggedIds;
  verifiedEmails: RaggedIds;
  emailLocalParts: RaggedIds;
  phones: RaggedIds;
  verifiedPhones: RaggedIds;
  /** Each declared extra attribute's interned value, by attribute name. */
  attributes: ReadonlyMap<string, Int32Array>;
}

/** Collects features record by record, so a directory can be streamed in from the database. */
export class FeatureExtractor {
  private readonly accountIds: string[] = [];
  private givenName = new Int32Array(1024);
  private familyName = new Int32Array(1024);
  private familyPhonetic = new Int32Array(1024);
  private givenPhonetic = new Int32Array(1024);
  private familyPhoneticTail = new Int32Array(1024);
  private givenPhoneticTail = new Int32Array(1024);
  private streetNumber = new Int32Array(1024);
  private streetLine = new Int32Array(1024);
  private locality = new Int32Array(1024);
  private birthYear = new Int32Array(1024);
  private birthMonth = new Uint8Array(1024);
  private birthDay = new Uint8Array(1024);
  private postalCode = new Int32Array(1024);
  private readonly addressTokens = new RaggedIdsBuilder();
  private readonly addressWords = new RaggedIdsBuilder();
  private readonly emails = new RaggedIdsBuilder();
  private readonly verifiedEmails = new RaggedIdsBuilder();
  private readonly emailLocalParts = new RaggedIdsBuilder();
  private readonly phones = new RaggedIdsBuilder();
  private readonly verifiedPhones = new RaggedIdsBuilder();

  // Names repeat across a directory: each distinct spelling is folded and coded once.
  private readonly names = new Map<string, NameKeys>();
  private attributeValues: Int32Array[];

  /** `attributeNames`: the extra attributes the linkage configuration declares. */
  constructor(
    readonly vocabulary: Vocabulary,
    private readonly attributeNames: readonly string[] = [],
  ) {
    this.attributeValues = attributeNames.map(() => new Int32Array(1024));
  }

  private nameKeys(name: string | undefined): NameKeys {
    if (name === undefined || name.length === 0) return NO_NAME;
    let keys = this.names.get(name);
    if (keys === undefined) {
      const folded = foldToLatin(name);
      keys =
        folded.length === 0
          ? NO_NAME
          : {
              id: this.vocabulary.idOf(folded),
              phonetic: soundexCode(folded),
              tail: soundexCode(folded.slice(1)),
            };
      this.names.set(name, keys);
    }
    return keys;
  }

  add(record: DirectoryRecord): void {
    const index = this.accountIds.length;
    if (index === this.givenName.length) this.growColumns(index * 2);
    const words = this.vocabulary;
    this.accountIds.push(record.id);
    const given = this.nameKeys(record.givenName);
    const family = this.nameKeys(record.familyName);
    this.givenName[index] = given.id;
    this.givenPhonetic[index] = given.phonetic;
    this.familyName[index] = family.id;
    this.familyPhonetic[index] = family.phonetic;
    this.givenPhoneticTail[index] = given.tail;
    this.familyPhoneticTail[index] = family.tail;
    // Imports keep only calendar dates; a record built otherwise gets the same rule.
    const birth = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.exec(record.dateOfBirth ?? '');
    this.birthYear[index] = birth ? Number(birth[1]) : 0;
    this.birthMonth[index] = birth ? Number(birth[2]) : 0;
    this.birthDay[index] = birth ? Number(birth[3]) : 0;
    this.postalCode[index] = words.idOf(normalisePostalCode(record.address?.postalCode));
    this.addressTokens.push(addressTokensOf(record).map((token) => words.idOf(token)));
    const lineTokens = tokensOf(record.address?.lines.join(' ') ?? '');
    const numberAt = lineTokens.findIndex((token) => DIGITS.test(token));
    this.streetNumber[index] = numberAt < 0 ? 0 : words.idOf(lineTokens[numberAt] as string);
    this.streetLine[index] = streetLineOf(record, words);
    this.locality[index] = words.idOf(tokensOf(record.address?.locality ?? '').join(' '));
    this.addressWords.push(
      lineTokens.filter((token) => !DIGITS.test(token)).map((token) => words.idOf(token)),
    );
    this.attributeNames.forEach((name, a) => {
      (this.attributeValues[a] as Int32Array)[index] = words.idOf(record.attributes?.[name]?.trim() ?? '');
    });
    for (const email of record.emails) {
      const id = words.idOf(email.value);
      this.emails.add(id);
      if (email.verified) this.verifiedEmails.add(id);
      this.emailLocalParts.add(words.idOf(localPartOf(email.value)));
    }
    for (const phone of record.phones) {
      const id = words.idOf(phone.value);
      this.phones.add(id);
      if (phone.verified) this.verifiedPhones.add(id);
    }
    this.emails.endRow();
    this.verifiedEmails.endRow();
    this.emailLocalParts.endRow();
    this.phones.endRow();
    this.verifiedPhones.endRow();
  }

  build(): RecordFeatures {
    const count = this.accountIds.length;
    return {
      count,
      vocabulary: this.vocabulary,
      accountIds: this.accountIds,
      givenName: this.givenName.slice(0, count),
      familyName: this.familyName.slice(0, count),
      familyPhonetic: this.familyPhonetic.slice(0, count),
      givenPhonetic: this.givenPhonetic.slice(0, count),
      familyPhoneticTail: this.familyPhoneticTail.slice(0, count),
      givenPhoneticTail: this.givenPhoneticTail.slice(0, count),
      birthYear: this.birthYear.slice(0, count),
      birthMonth: this.birthMonth.slice(0, count),
      birthDay: this.birthDay.slice(0, count),
      postalCode: this.postalCode.slice(0, count),
      addressTokens: this.addressTokens.build(),
      streetNumber: this.streetNumber.slice(0, count),
      streetLine: this.streetLine.slice(0, count),
      locality: this.locality.slice(0, count),
      addressWords: this.addressWords.build(),
      emails: this.emails.build(),
      verifiedEmails: this.verifiedEmails.build(),
      emailLocalParts: this.emailLocalParts.build(),
      phones: this.phones.build(),
      verifiedPhones: this.verifiedPhones.build(),
      attributes: new Map(
        this.attributeNames.map((name, a) => [name, (this.attributeValues[a] as Int32Array).slice(0, count)]),
      ),
    };
  }

  private growColumns(size: number): void {
    const grow = <T extends Int32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.givenName = grow(this.givenName, new Int32Array(size));
    this.familyName = grow(this.familyName, new Int32Array(size));
    this.familyPhonetic = grow(this.familyPhonetic, new Int32Array(size));
    this.givenPhonetic = grow(this.givenPhonetic, new Int32Array(size));
    this.familyPhoneticTail = grow(this.familyPhoneticTail, new Int32Array(size));
    this.givenPhoneticTail = grow(this.givenPhoneticTail, new Int32Array(size));
    this.streetNumber = grow(this.streetNumber, new Int32Array(size));
    this.streetLine = grow(this.streetLine, new Int32Array(size));
    this.locality = grow(this.locality, new Int32Array(size));
    this.attributeValues = this.attributeValues.map((values) => grow(values, new Int32Array(size)));
    this.birthYear = grow(this.birthYear, new Int32Array(size));
    this.birthMonth = grow(this.birthMonth, new Uint8Array(size));
    this.birthDay = grow(this.birthDay, new Uint8Array(size));
    this.postalCode = grow(this.postalCode, new Int32Array(size));
  }
}

export function extractFeatures(
  records: readonly DirectoryRecord[],
  vocabulary: Vocabulary = new Vocabulary(),
  attributeNames: readonly string[] = [],
): RecordFeatures {
  const extractor = new FeatureExtractor(vocabulary, attributeNames);
  for (const record of records) extractor.add(record);
  return extractor.build();
}

interface NameKeys {
  id: number;
  phonetic: number;
  tail: number;
}

const NO_NAME: NameKeys = { id: 0, phonetic: 0, tail: 0 };
const PLAIN_TEXT = /^[a-z0-9 ]*$/;
const DIGITS = /^[0-9]+$/;

function soundexCode(name: string): number {
  const key = soundex(name);
  return key.length === 0 ? 0 : (key.charCodeAt(0) - 64) * 1000 + Number(key.slice(1));
}

function normalisePostalCode(value: string | undefined): string {
  return (value ?? '').toUpperCase().replace(/[^0-9A-Z]/g, '');
}

function addressTokensOf(record: DirectoryRecord): string[] {
  const address = record.address;
  if (address === undefined) return [];
  return tokensOf([...address.lines, address.locality ?? ''].join(' '));
}

/**
 * The street of an address: the first line holding a house number followed by a word, from that
 * number on ("Flat 3, 12 Mill Lane" gives "12 mill lane"), or nothing.
 */
function streetLineOf(record: DirectoryRecord, words: Vocabulary): number {
  for (const line of record.address?.lines ?? []) {
    const tokens = tokensOf(line);
    for (let t = 0; t + 1 < tokens.length; t++) {
      if (DIGITS.test(tokens[t] as string) && !DIGITS.test(tokens[t + 1] as string))
        return words.idOf(tokens.slice(t).join(' '));
    }
  }
  return 0;
}

function tokensOf(value: string): string[] {
  const text = value.toLowerCase();
  // Most addresses are plain ASCII already; only the others pay for Unicode decomposition.
  const folded = PLAIN_TEXT.test(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return folded.split(/[^a-z0-9]+/).filter((token) => token.length > 0);
}

export function localPartOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? email : email.slice(0, at);
}
