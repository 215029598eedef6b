import type { DirectoryRecord } from '../../directory/domain/directory-record';

/**
 * How a legacy account can be reached for its reset, from its own contacts: a reset link goes only
 * to a verified contact, and one verified on an account nobody has used for years may no longer be
 * the customer's (a recycled mailbox, a reassigned number).
 * - `none`: no email and no phone at all; only support can reach the customer;
 * - `unverified_only`: contacts, none of them verified;
 * - `stale_verified`: verified contacts on an inactive account (see `MATCH_INACTIVE_AFTER_DAYS`);
 * - `verified`: verified contacts on an account in use.
 */
export const CONTACT_STATES = ['none', 'unverified_only', 'stale_verified', 'verified'] as const;
export type ContactState = (typeof CONTACT_STATES)[number];

const DAY_MS = 86_400_000;

export interface ContactStatePolicy {
  inactiveAfterDays: number;
}

/** Whether the account was last seen before the inactivity limit; never signed in: its age counts. */
export function inactivityTest(policy: ContactStatePolicy, now: Date): (record: DirectoryRecord) => boolean {
  const inactiveBefore = now.getTime() - policy.inactiveAfterDays * DAY_MS;
  return (record) => {
    const lastSeen = record.lastLoginAt ?? record.createdAt;
    return lastSeen !== undefined && lastSeen.getTime() < inactiveBefore;
  };
}

export function contactStateClassifier(
  policy: ContactStatePolicy,
  now: Date,
): (record: DirectoryRecord) => ContactState {
  const isInactive = inactivityTest(policy, now);
  return (record) => {
    if (record.emails.length === 0 && record.phones.length === 0) return 'none';
    const hasVerified =
      record.emails.some((email) => email.verified) || record.phones.some((phone) => phone.verified);
    if (!hasVerified) return 'unverified_only';
    return isInactive(record) ? 'stale_verified' : 'verified';
  };
}

/** A contact state as one byte, so a million legacy accounts keep theirs in a typed array. */
export function contactStateCode(state: ContactState): number {
  return CONTACT_STATES.indexOf(state);
}

export function contactStateOfCode(code: number): ContactState {
  return CONTACT_STATES[code] ?? 'none';
}
