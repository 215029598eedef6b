import { aLegacyRecord, unverified, verified } from './directory-records.fixture';
import { primarySegmentOf, segmentClassifier } from './segments';

const now = new Date('2026-06-01T00:00:00Z');
const classify = segmentClassifier(
  { privilegedRoles: ['Admin', 'support-agent'], inactiveAfterDays: 365 },
  now,
);
const reachable = { emails: [verified('ada@mail.example')] };

describe('segmentClassifier', () => {
  it('puts an ordinary reachable, active account in the standard segment only', () => {
    expect(classify(aLegacyRecord({ id: 'L-1', ...reachable }), false)).toEqual(['standard']);
  });

  it('marks accounts holding a configured role as privileged, ignoring case', () => {
    expect(classify(aLegacyRecord({ id: 'L-1', ...reachable, roles: ['customer', 'admin'] }), false)).toEqual(
      ['privileged'],
    );
  });

  it('marks partner-linked and delegated accounts as delegated', () => {
    expect(classify(aLegacyRecord({ id: 'L-1', ...reachable, partnerLinked: true }), false)).toEqual([
      'delegated',
    ]);
  });

  it('marks accounts that sign in only through a social provider as social-only', () => {
    const record = aLegacyRecord({ id: 'L-1', ...reachable, socialOnly: true, socialProviders: ['google'] });
    expect(classify(record, false)).toEqual(['social_only']);
  });

  it('marks accounts whose last sign-in is older than the configured age as inactive', () => {
    const longAgo = new Date('2025-05-01T00:00:00Z');
    const recently = new Date('2025-07-01T00:00:00Z');
    expect(classify(aLegacyRecord({ id: 'L-1', ...reachable, lastLoginAt: longAgo }), false)).toEqual([
      'inactive',
    ]);
    expect(classify(aLegacyRecord({ id: 'L-2', ...reachable, lastLoginAt: recently }), false)).toEqual([
      'standard',
    ]);
  });

  it('judges an account that never signed in by its creation date', () => {
    const record = aLegacyRecord({
      id: 'L-1',
      ...reachable,
      lastLoginAt: undefined,
      createdAt: new Date('2020-01-01T00:00:00Z'),
    });
    expect(classify(record, false)).toEqual(['inactive']);
  });

  it('marks accounts whose emails and phones are all unverified as stale contact', () => {
    const record = aLegacyRecord({ id: 'L-1', emails: [unverified('ada@mail.example')] });
    expect(classify(record, false)).toEqual(['stale_contact']);
  });

  it('does not call an account with no contact at all a stale contact', () => {
    expect(classify(aLegacyRecord({ id: 'L-1' }), false)).toEqual(['standard']);
    const forgotten = aLegacyRecord({ id: 'L-2', lastLoginAt: new Date('2020-01-01T00:00:00Z') });
    expect(classify(forgotten, false)).toEqual(['inactive']);
  });

  it('leaves the verified contacts of an inactive account out of stale contact: it is inactive', () => {
    const record = aLegacyRecord({ id: 'L-1', ...reachable, lastLoginAt: new Date('2020-01-01T00:00:00Z') });
    expect(classify(record, false)).toEqual(['inactive']);
  });

  it('marks accounts with a contact shared with another account as shared contact', () => {
    expect(classify(aLegacyRecord({ id: 'L-1', ...reachable }), true)).toEqual(['shared_contact']);
  });

  it('keeps every segment of an account, ordered so that the most at stake comes first', () => {
    const record = aLegacyRecord({
      id: 'L-1',
      roles: ['support-agent'],
      phones: [unverified('+447700900001')],
      socialOnly: true,
      lastLoginAt: new Date('2020-01-01T00:00:00Z'),
    });
    const segments = classify(record, true);
    expect(segments).toEqual(['privileged', 'shared_contact', 'stale_contact', 'social_only', 'inactive']);
    expect(primarySegmentOf(segments)).toBe('privileged');
  });
});
