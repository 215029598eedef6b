import type { Segment } from '@rekey/contracts';
import type { DirectoryRecord } from '../../directory/domain/directory-record';

/**
 * Segments decide how an account is migrated: who needs step-up, who cannot be reached, who has no
 * password to reset. An account can be in several; `standard` only when in none of the others.
 */
export type { Segment };

/**
 * Order of the primary segment, by what is at stake: privileged and delegated accounts can act for
 * others, a shared contact lets a third party take the account over, a stale contact cannot be
 * reached safely, social-only accounts have no password to reset, inactive ones can wait.
 */
export const SEGMENT_PRECEDENCE: readonly Segment[] = [
  'privileged',
  'delegated',
  'shared_contact',
  'stale_contact',
  'social_only',
  'inactive',
  'standard',
];

export interface SegmentPolicy {
  privilegedRoles: readonly string[];
  inactiveAfterDays: number;
}

const DAY_MS = 86_400_000;

export type SegmentClassifier = (record: DirectoryRecord, hasSharedContact: boolean) => Segment[];

/** Segments in precedence order, so the first is the primary segment. */
export function segmentClassifier(policy: SegmentPolicy, now: Date): SegmentClassifier {
  const privilegedRoles = new Set(policy.privilegedRoles.map((role) => role.toLowerCase()));
  const inactiveBefore = now.getTime() - policy.inactiveAfterDays * DAY_MS;
  return (record, hasSharedContact) => {
    const segments = new Set<Segment>();
    if (record.roles.some((role) => privilegedRoles.has(role.toLowerCase()))) segments.add('privileged');
    if (record.partnerLinked) segments.add('delegated');
    if (hasSharedContact) segments.add('shared_contact');
    if (!hasVerifiedContact(record)) segments.add('stale_contact');
    if (record.socialOnly) segments.add('social_only');
    // Never signed in: the account's age stands in for its last sign-in.
    const lastSeen = record.lastLoginAt ?? record.createdAt;
    if (lastSeen !== undefined && lastSeen.getTime() < inactiveBefore) segments.add('inactive');
    if (segments.size === 0) return ['standard'];
    return SEGMENT_PRECEDENCE.filter((segment) => segments.has(segment));
  };
}

export function primarySegmentOf(segments: readonly Segment[]): Segment {
  return segments[0] ?? 'standard';
}

export function hasVerifiedContact(record: DirectoryRecord): boolean {
  return record.emails.some((email) => email.verified) || record.phones.some((phone) => phone.verified);
}
