import type { Segment } from '@rekey/contracts';
import type { DirectoryRecord } from '../../directory/domain/directory-record';
import { contactStateClassifier, inactivityTest } from './contact-state';

/**
 * Segments decide how an account is migrated: who needs step-up, who cannot be reached, who has no
 * password to reset. An account can be in several; `standard` only when in none of the others.
 */
export type { Segment };

/**
 * Order of the primary segment, by what is at stake: privileged and delegated accounts can act for
 * others, a shared contact lets a third party take the account over, a stale contact (contacts,
 * none verified) cannot be reached safely, social-only accounts have no password to reset,
 * inactive ones can wait. An account with no contact at all is not a stale contact: it has nothing
 * that could be stale, and the result's contact state (`none`) says so; the finer states live
 * there, not here, because the segment vocabulary is a published contract.
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

export type SegmentClassifier = (record: DirectoryRecord, hasSharedContact: boolean) => Segment[];

const SHARED_CONTACT_BIT = 1 << SEGMENT_PRECEDENCE.indexOf('shared_contact');

/**
 * The segments a record is in by itself, as a bit mask in precedence order. Shared contact is the
 * one segment that needs the whole directory, so it is added later with `segmentsOf`.
 */
export function segmentMasker(policy: SegmentPolicy, now: Date): (record: DirectoryRecord) => number {
  const privilegedRoles = new Set(policy.privilegedRoles.map((role) => role.toLowerCase()));
  const isInactive = inactivityTest(policy, now);
  const contactStateOf = contactStateClassifier(policy, now);
  const bit = (segment: Segment) => 1 << SEGMENT_PRECEDENCE.indexOf(segment);
  return (record) => {
    let mask = 0;
    if (record.roles.some((role) => privilegedRoles.has(role.toLowerCase()))) mask |= bit('privileged');
    if (record.partnerLinked) mask |= bit('delegated');
    if (contactStateOf(record) === 'unverified_only') mask |= bit('stale_contact');
    if (record.socialOnly) mask |= bit('social_only');
    if (isInactive(record)) mask |= bit('inactive');
    return mask;
  };
}

/** Segments in precedence order, so the first is the primary segment; `standard` when in none. */
export function segmentsOf(mask: number, hasSharedContact: boolean): Segment[] {
  const full = hasSharedContact ? mask | SHARED_CONTACT_BIT : mask;
  if (full === 0) return ['standard'];
  return SEGMENT_PRECEDENCE.filter((_, index) => (full & (1 << index)) !== 0);
}

export function segmentClassifier(policy: SegmentPolicy, now: Date): SegmentClassifier {
  const maskOf = segmentMasker(policy, now);
  return (record, hasSharedContact) => segmentsOf(maskOf(record), hasSharedContact);
}

export function primarySegmentOf(segments: readonly Segment[]): Segment {
  return segments[0] ?? 'standard';
}
