import { createHash } from 'node:crypto';
import type { DirectoryRecord, DirectorySide } from './directory-record';

/**
 * A record as directory_record.record holds it: the DirectoryRecord without its side and id (the
 * primary key), dates as ISO strings. Keys are written in one fixed order, so equal records give
 * equal JSON and equal content hashes: that is what makes a re-import a no-op. The extra
 * attributes live in their own column (directory_record.attributes) but take part in the hash.
 */
export type StoredRecord = Omit<
  DirectoryRecord,
  'side' | 'id' | 'createdAt' | 'lastLoginAt' | 'attributes'
> & {
  createdAt?: string;
  lastLoginAt?: string;
};

export function toStoredRecord(record: DirectoryRecord): StoredRecord {
  const stored: StoredRecord = {
    emails: record.emails.map(({ value, verified }) => ({ value, verified })),
    phones: record.phones.map(({ value, verified }) => ({ value, verified })),
    roles: record.roles,
    partnerLinked: record.partnerLinked,
    socialProviders: record.socialProviders,
    mfaMethods: record.mfaMethods,
    socialOnly: record.socialOnly,
  };
  if (record.givenName !== undefined) stored.givenName = record.givenName;
  if (record.familyName !== undefined) stored.familyName = record.familyName;
  if (record.dateOfBirth !== undefined) stored.dateOfBirth = record.dateOfBirth;
  if (record.address !== undefined) {
    const { lines, locality, postalCode, country } = record.address;
    stored.address = {
      lines,
      ...(locality !== undefined ? { locality } : {}),
      ...(postalCode !== undefined ? { postalCode } : {}),
      ...(country !== undefined ? { country } : {}),
    };
  }
  if (record.createdAt !== undefined) stored.createdAt = record.createdAt.toISOString();
  if (record.lastLoginAt !== undefined) stored.lastLoginAt = record.lastLoginAt.toISOString();
  return stored;
}

/** The record's extra attributes as directory_record.attributes holds them: by name, in name order. */
export function storedAttributesOf(record: DirectoryRecord): Record<string, string> {
  const attributes = record.attributes ?? {};
  return Object.fromEntries(
    Object.keys(attributes)
      .sort()
      .map((name) => [name, attributes[name] as string]),
  );
}

export function fromStoredRecord(
  side: DirectorySide,
  id: string,
  stored: StoredRecord,
  attributes: Record<string, string> = {},
): DirectoryRecord {
  const { createdAt, lastLoginAt, ...rest } = stored;
  return {
    ...rest,
    side,
    id,
    ...(createdAt !== undefined ? { createdAt: new Date(createdAt) } : {}),
    ...(lastLoginAt !== undefined ? { lastLoginAt: new Date(lastLoginAt) } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
  };
}

/**
 * SHA-256 of the stored JSON, then of the attributes if there are any: compared on upsert, so an
 * unchanged row is never rewritten. A record without attributes hashes as it did before they
 * existed, so the rows already imported do not all read as changed.
 */
export function contentHashOf(stored: StoredRecord, attributes: Record<string, string> = {}): Buffer {
  const hash = createHash('sha256').update(JSON.stringify(stored));
  if (Object.keys(attributes).length > 0) hash.update(`\n${JSON.stringify(attributes)}`);
  return hash.digest();
}
