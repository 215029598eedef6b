import { IdentityContactsReleasedV1, createEvent } from '@rekey/contracts';
import type { EntityManager } from 'typeorm';
import { FakeEligibleAccountStore } from '../testing';
import { contactHash } from './domain/contact-hash';
import { RecordEligibleAccount } from './record-eligible-account';

function contactsReleased(legacyAccountId: string, email: string, time: Date) {
  return createEvent(
    IdentityContactsReleasedV1,
    {
      legacyAccountId,
      targetAccountId: `target-${legacyAccountId}`,
      targetAccountCreated: false,
      segment: 'standard',
      segments: ['standard'],
      band: 'high',
      verifiedContacts: [{ kind: 'email', value: email }],
    },
    { source: 'identity-matching', subject: legacyAccountId },
    () => time,
  );
}

describe('recording an eligible account', () => {
  it('makes a linked account eligible, found by its normalised address and dated by the link event', async () => {
    const accounts = new FakeEligibleAccountStore();
    const event = contactsReleased('legacy-1', ' Jane@Example.com', new Date('2026-12-18T09:00:00Z'));

    await accounts.transaction((manager) => new RecordEligibleAccount(accounts).execute(event, manager));

    expect(accounts.find('legacy-1')).toMatchObject({
      targetAccountId: 'target-legacy-1',
      linkedAt: new Date('2026-12-18T09:00:00Z'),
      linkEventId: event.id,
    });
    expect(accounts.accountsWithContact(contactHash('email', 'jane@example.com'))).toEqual(['legacy-1']);
  });

  it('keeps a relink when the link it replaced arrives late', async () => {
    const accounts = new FakeEligibleAccountStore();
    const record = new RecordEligibleAccount(accounts);
    const relink = contactsReleased('legacy-1', 'jane.new@example.com', new Date('2026-12-18T10:00:00Z'));

    await record.execute(relink, {} as EntityManager);
    await record.execute(
      contactsReleased('legacy-1', 'jane@example.com', new Date('2026-12-18T09:00:00Z')),
      {} as EntityManager,
    );

    expect(accounts.find('legacy-1')?.linkEventId).toBe(relink.id);
    expect(accounts.accountsWithContact(contactHash('email', 'jane@example.com'))).toEqual([]);
  });
});
