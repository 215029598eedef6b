import { randomBytes, randomUUID } from 'node:crypto';
import { newRecoveryCodeSet, recoveryCodeDigest } from '../recovery-codes/domain/recovery-codes';
import type { RecoveryCodeStore } from '../recovery-codes/recovery-code-store.port';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 2, 9, minute));

/**
 * What every RecoveryCodeStore does, whatever stores the codes: run it against the fake in a unit
 * spec and against the PostgreSQL adapter in an integration spec. `setUp` gives a store; each case
 * makes its own account ids, so stores may be shared between cases.
 */
export function describeRecoveryCodeStoreContract(
  name: string,
  setUp: () => Promise<RecoveryCodeStore>,
): void {
  describe(`${name} honours the RecoveryCodeStore contract`, () => {
    let store: RecoveryCodeStore;
    let account: string;

    beforeEach(async () => {
      store = await setUp();
      account = `legacy-${randomUUID()}`;
    });

    it('has no codes for an account that never had a set', async () => {
      expect(await store.remaining(account)).toBe(0);
      expect(await store.spend(account, recoveryCodeDigest('0000-0000-0000-0000'), at(0))).toBe(false);
    });

    it('spends each code of the set once: true the first time, false after', async () => {
      const set = newRecoveryCodeSet(randomBytes);
      await store.replace(account, set.digests, at(0));
      expect(await store.remaining(account)).toBe(10);

      const [first, second] = set.codes as [string, string];
      expect(await store.spend(account, recoveryCodeDigest(first), at(1))).toBe(true);
      expect(await store.spend(account, recoveryCodeDigest(first), at(2))).toBe(false);
      expect(await store.spend(account, recoveryCodeDigest(first.toLowerCase()), at(3))).toBe(false);
      expect(await store.remaining(account)).toBe(9);
      expect(await store.spend(account, recoveryCodeDigest(second), at(4))).toBe(true);
      expect(await store.remaining(account)).toBe(8);
    });

    it('spends a code once however many requests race for it', async () => {
      const set = newRecoveryCodeSet(randomBytes);
      await store.replace(account, set.digests, at(0));
      const digest = recoveryCodeDigest(set.codes[0] as string);

      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () => store.spend(account, digest, at(1))),
      );

      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(await store.remaining(account)).toBe(9);
    });

    it('refuses a digest the set does not hold', async () => {
      await store.replace(account, newRecoveryCodeSet(randomBytes).digests, at(0));
      const stranger = newRecoveryCodeSet(randomBytes).codes[0] as string;
      expect(await store.spend(account, recoveryCodeDigest(stranger), at(1))).toBe(false);
      expect(await store.remaining(account)).toBe(10);
    });

    it("does not spend one account's code for another account", async () => {
      const other = `legacy-${randomUUID()}`;
      const set = newRecoveryCodeSet(randomBytes);
      await store.replace(account, set.digests, at(0));
      await store.replace(other, newRecoveryCodeSet(randomBytes).digests, at(0));

      expect(await store.spend(other, recoveryCodeDigest(set.codes[0] as string), at(1))).toBe(false);
      expect(await store.remaining(account)).toBe(10);
      expect(await store.remaining(other)).toBe(10);
    });

    it('makes every code of the old set stop working when a new set replaces it', async () => {
      const old = newRecoveryCodeSet(randomBytes);
      await store.replace(account, old.digests, at(0));
      await store.spend(account, recoveryCodeDigest(old.codes[0] as string), at(1));
      const fresh = newRecoveryCodeSet(randomBytes);

      await store.replace(account, fresh.digests, at(2));

      expect(await store.remaining(account)).toBe(10);
      for (const code of old.codes)
        expect(await store.spend(account, recoveryCodeDigest(code), at(3))).toBe(false);
      for (const code of fresh.codes)
        expect(await store.spend(account, recoveryCodeDigest(code), at(3))).toBe(true);
      expect(await store.remaining(account)).toBe(0);
    });

    it("leaves other accounts' sets alone when it replaces one", async () => {
      const other = `legacy-${randomUUID()}`;
      const kept = newRecoveryCodeSet(randomBytes);
      await store.replace(other, kept.digests, at(0));
      await store.replace(account, newRecoveryCodeSet(randomBytes).digests, at(0));

      await store.replace(account, newRecoveryCodeSet(randomBytes).digests, at(1));

      expect(await store.spend(other, recoveryCodeDigest(kept.codes[3] as string), at(2))).toBe(true);
    });

    it('keeps the set before when a new set repeats a digest', async () => {
      const old = newRecoveryCodeSet(randomBytes);
      await store.replace(account, old.digests, at(0));
      const broken = newRecoveryCodeSet(randomBytes).digests;
      broken[1] = broken[0] as Buffer;

      await expect(store.replace(account, broken, at(1))).rejects.toThrow();

      expect(await store.remaining(account)).toBe(10);
      expect(await store.spend(account, recoveryCodeDigest(old.codes[0] as string), at(2))).toBe(true);
      expect(await store.spend(account, broken[2] as Buffer, at(2))).toBe(false);
    });

    it('leaves exactly one whole set when replacements of one account race', async () => {
      const sets = Array.from({ length: 4 }, () => newRecoveryCodeSet(randomBytes));

      await Promise.all(sets.map((set) => store.replace(account, set.digests, at(0))));

      expect(await store.remaining(account)).toBe(10);
      const spendable = await Promise.all(
        sets.map(async (set) => (await store.spend(account, set.digests[0] as Buffer, at(1))) === true),
      );
      expect(spendable.filter(Boolean)).toHaveLength(1);
    });

    it('accepts an empty set: the account then has no codes', async () => {
      const old = newRecoveryCodeSet(randomBytes);
      await store.replace(account, old.digests, at(0));
      await store.replace(account, [], at(1));
      expect(await store.remaining(account)).toBe(0);
      expect(await store.spend(account, old.digests[0] as Buffer, at(2))).toBe(false);
    });
  });
}
