/**
 * One account of a directory export, as identity-matching's importer produces it from a file
 * (its `DirectoryRecord`, the same shape): what the generator makes and the file writer writes.
 * Kept here rather than imported, because production code never depends on this library and this
 * library never depends on an app; identity-matching's specs pass these records where its own
 * type is expected, so the compiler keeps the two shapes together.
 */
export type DirectorySide = 'legacy' | 'target';

export interface ContactPoint {
  value: string;
  verified: boolean;
}

export interface PostalAddress {
  lines: string[];
  locality?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
}

export interface DirectoryRecord {
  side: DirectorySide;
  id: string;
  emails: ContactPoint[];
  phones: ContactPoint[];
  givenName?: string;
  familyName?: string;
  /** ISO date, YYYY-MM-DD. */
  dateOfBirth?: string;
  /**
   * A date of birth as a legacy export wrote it when it is no calendar date (`1945-04-93`,
   * `31/02/1980`): files carry it in date_of_birth, and `dateOfBirth` stays absent, for no import
   * may read it as a date. Only generated records have it; the importer's type does not.
   */
  invalidDateOfBirth?: string;
  address?: PostalAddress;
  createdAt?: Date;
  lastLoginAt?: Date;
  roles: string[];
  partnerLinked: boolean;
  socialProviders: string[];
  mfaMethods: string[];
  socialOnly: boolean;
}

export type DirectoryFileFormat = 'csv' | 'ndjson';

/** Small seeded generator: populations must be repeatable, and Math.random cannot be seeded. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}
