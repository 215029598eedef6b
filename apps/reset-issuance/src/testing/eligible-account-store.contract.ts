import { randomUUID } from 'node:crypto';
import type { Segment, VerifiedContact } from '@rekey/contracts';
import type { EntityManager } from 'typeorm';
import { contactHash } from '../eligibility/domain/contact-hash';
import { eligibleAccountFromLink, type EligibleAccount } from '../eligibility/domain/eligible-account';
import type { EligibleAccountStore } from '../eligibility/eligible-account-store.port';

/** An eligible-account store to test, the caller's transaction, and reads of what it stored. */
export interface EligibleAccountStoreUnderTest {
  store: EligibleAccountStore;
  /** Runs `work` in one transaction (the consumer's inbox transaction), undone when it throws. */
  inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  /** The stored account with the hashes of its contacts (`eligible_contact`), in any order. */
  storedAccount(legacyAccountId: string): Promise<EligibleAccount | undefined>;
  /** The accounts one contact hash finds, as "send me a new link" resolves an address. */
  accountsWithContact(contactHash: Buffer): Promise<string[]>;
}

const at = (minute: number) => new Date(Date.UTC(2026, 11, 18, 9, minute));

function aLink(
  legacyAccountId: string,
  linkedAt: Date,
  contacts: VerifiedContact[],
  segment: Segment = 'standard',
): EligibleAccount {
  return eligibleAccountFromLink(
    {
      legacyAccountId,
      targetAccountId: `target-${legacyAccountId}`,
      targetAccountCreated: false,
      segment,
      segments: [segment],
      band: 'high',
      verifiedContacts: contacts,
    },
    { id: randomUUID(), time: linkedAt.toISOString() },
  );
}

const byHex = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('hex')).sort();

/**
 * What every EligibleAccountStore does: run against the fake in a unit spec and against the
 * PostgreSQL adapter in an integration spec. Each case makes its own accounts and addresses.
 */
export function describeEligibleAccountStoreContract(
  name: string,
  setUp: () => Promise<EligibleAccountStoreUnderTest>,
): void {
  describe(`${name} honours the EligibleAccountStore contract`, () => {
    let subject: EligibleAccountStoreUnderTest;
    let account: string;
    let email: VerifiedContact;
    let phone: VerifiedContact;

    const upsert = (link: EligibleAccount) =>
      subject.inTransaction((manager) => subject.store.upsert(manager, link));
    const stored = async (legacyAccountId: string) => {
      const found = await subject.storedAccount(legacyAccountId);
      return found && { ...found, contactHashes: byHex(found.contactHashes) };
    };
    const expected = (link: EligibleAccount) => ({ ...link, contactHashes: byHex(link.contactHashes) });

    beforeEach(async () => {
      subject = await setUp();
      account = `legacy-${randomUUID()}`;
      email = { kind: 'email', value: `${account}@example.test` };
      phone = { kind: 'sms', value: `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` };
    });

    it('stores a newly linked account with its facts and the hash of each verified contact', async () => {
      const link = aLink(account, at(0), [email, phone]);

      await upsert(link);

      expect(await stored(account)).toEqual(expected(link));
      expect(await subject.accountsWithContact(contactHash('email', email.value))).toEqual([account]);
      expect(await subject.accountsWithContact(contactHash('sms', phone.value))).toEqual([account]);
    });

    it('replaces the account and its contacts with a later link: the old address finds it no more', async () => {
      await upsert(aLink(account, at(0), [email]));
      const newEmail: VerifiedContact = { kind: 'email', value: `new-${account}@example.test` };
      const relink = aLink(account, at(5), [newEmail, phone], 'privileged');

      await upsert(relink);

      expect(await stored(account)).toEqual(expected(relink));
      expect(await subject.accountsWithContact(contactHash('email', email.value))).toEqual([]);
      expect(await subject.accountsWithContact(contactHash('email', newEmail.value))).toEqual([account]);
    });

    it('keeps what a later link stored when an older one arrives late, contacts included', async () => {
      const later = aLink(account, at(5), [email], 'privileged');
      await upsert(later);

      await upsert(aLink(account, at(0), [phone]));

      expect(await stored(account)).toEqual(expected(later));
      expect(await subject.accountsWithContact(contactHash('sms', phone.value))).toEqual([]);
    });

    it('lets a link of the same time replace the account, so a redelivered link changes nothing', async () => {
      const link = aLink(account, at(0), [email]);
      await upsert(link);
      await upsert(link);
      expect(await stored(account)).toEqual(expected(link));

      const sameTime = aLink(account, at(0), [phone]);
      await upsert(sameTime);

      expect(await stored(account)).toEqual(expected(sameTime));
    });

    it('stores a contact hash given twice once', async () => {
      const link = aLink(account, at(0), [email]);

      await upsert({ ...link, contactHashes: [...link.contactHashes, ...link.contactHashes] });

      expect((await stored(account))?.contactHashes).toEqual(byHex(link.contactHashes));
    });

    it('finds every account of a shared address, as a household shares one', async () => {
      const sibling = `${account}-sibling`;
      await upsert(aLink(account, at(0), [email]));
      await upsert(aLink(sibling, at(0), [email]));

      expect((await subject.accountsWithContact(contactHash('email', email.value))).sort()).toEqual(
        [account, sibling].sort(),
      );
    });

    it('drops every contact of a relink that has none left', async () => {
      await upsert(aLink(account, at(0), [email, phone]));

      await upsert(aLink(account, at(1), []));

      expect((await stored(account))?.contactHashes).toEqual([]);
      expect(await subject.accountsWithContact(contactHash('email', email.value))).toEqual([]);
    });

    it('joins the caller’s transaction: undone with it, the account and its contacts stay as they were', async () => {
      const first = aLink(account, at(0), [email]);
      await upsert(first);

      await expect(
        subject.inTransaction(async (manager) => {
          await subject.store.upsert(manager, aLink(account, at(5), [phone]));
          await subject.store.upsert(manager, aLink(`${account}-new`, at(5), [phone]));
          throw new Error('the inbox write failed');
        }),
      ).rejects.toThrow('the inbox write failed');

      expect(await stored(account)).toEqual(expected(first));
      expect(await subject.storedAccount(`${account}-new`)).toBeUndefined();
      expect(await subject.accountsWithContact(contactHash('sms', phone.value))).toEqual([]);
    });

    it('keeps the latest of two links of one account stored at once, with its contacts', async () => {
      const older = aLink(account, at(0), [phone]);
      const later = aLink(account, at(5), [email]);

      await Promise.all([upsert(later), upsert(older)]);

      expect(await stored(account)).toEqual(expected(later));
      expect(await subject.accountsWithContact(contactHash('sms', phone.value))).toEqual([]);
    });
  });
}
