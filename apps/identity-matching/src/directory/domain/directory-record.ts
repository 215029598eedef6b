/**
 * One account of a directory export, legacy or target, after parsing and safe normalisation.
 * Imports produce it; matching reads it. Contacts carry their verified flag, because only
 * verified contacts may link deterministically.
 */
export type DirectorySide = 'legacy' | 'target';

export interface ContactPoint {
  /** Email: trimmed, Unicode NFKC, lower-cased; no provider-specific dot or plus folding. Phone: E.164. */
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
  /** The account id in its directory. */
  id: string;
  emails: ContactPoint[];
  phones: ContactPoint[];
  givenName?: string;
  familyName?: string;
  /** ISO date, YYYY-MM-DD. */
  dateOfBirth?: string;
  address?: PostalAddress;
  createdAt?: Date;
  lastLoginAt?: Date;
  roles: string[];
  /** Acts for, or is managed by, another party (delegated administration, partner accounts). */
  partnerLinked: boolean;
  /** Social identity providers linked to the account (e.g. google, apple). */
  socialProviders: string[];
  /** Second factors already enrolled (e.g. totp, sms). */
  mfaMethods: string[];
  /** Signs in only through a social provider: has no password of its own. */
  socialOnly: boolean;
  /**
   * The extra attributes the linkage configuration declares (e.g. a loyalty number), by name: trimmed
   * text, empty ones left out, absent when there are none. Matching may read them.
   */
  attributes?: Record<string, string>;
}
