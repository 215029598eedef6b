import { contactHash } from './contact-hash';
import { eligibleAccountFromLink } from './eligible-account';

const link = {
  legacyAccountId: 'L-1',
  targetAccountId: 'T-1',
  targetAccountCreated: false,
  segment: 'standard' as const,
  segments: ['standard' as const],
  band: 'high' as const,
  verifiedContacts: [
    { kind: 'email' as const, value: 'Jane.Doe@Example.com' },
    { kind: 'email' as const, value: 'jane.doe@example.com ' },
    { kind: 'sms' as const, value: '+33 6 12 34 56 78' },
  ],
};

describe('eligibleAccountFromLink', () => {
  it('keeps the link facts and dates the account by the link event', () => {
    const account = eligibleAccountFromLink(link, { id: 'e-1', time: '2026-11-20T10:00:00.000Z' });
    expect(account).toMatchObject({ legacyAccountId: 'L-1', segment: 'standard', linkEventId: 'e-1' });
    expect(account.linkedAt.toISOString()).toBe('2026-11-20T10:00:00.000Z');
  });

  it('indexes each contact once, whatever its case, spacing or phone formatting', () => {
    const account = eligibleAccountFromLink(link, { id: 'e-1', time: '2026-11-20T10:00:00.000Z' });
    expect(account.contactHashes).toHaveLength(2);
    expect(account.contactHashes).toContainEqual(contactHash('email', ' JANE.DOE@example.COM'));
    expect(account.contactHashes).toContainEqual(contactHash('sms', '+33612345678'));
  });

  it('does not confuse an email with a phone number of the same text', () => {
    expect(contactHash('email', '+33612345678')).not.toEqual(contactHash('sms', '+33612345678'));
  });
});
