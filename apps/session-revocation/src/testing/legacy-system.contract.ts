import { randomUUID } from 'node:crypto';
import type { LegacySystem } from '../legacy-system/legacy-system.port';
import type { LegacyAccounts } from './legacy-accounts.fake';

export interface LegacySystemUnderTest {
  system: LegacySystem;
  /** The accounts the system holds, to seed and inspect. */
  accounts: LegacyAccounts;
}

/** What every LegacySystem adapter does, run against the fake and the HTTP adapter. */
export function legacySystemContract(name: string, start: () => Promise<LegacySystemUnderTest>): void {
  describe(`${name} (LegacySystem contract)`, () => {
    let subject: LegacySystemUnderTest;
    const account = () => {
      const id = `L-${randomUUID()}`;
      subject.accounts.add(id, 2);
      return id;
    };

    beforeEach(async () => {
      subject = await start();
    });

    it('lists the sessions of an account and whether its login is retired', async () => {
      const id = account();
      const listed = await subject.system.listSessions(id);
      expect(listed).toMatchObject({
        kind: 'done',
        value: {
          legacyAccountId: id,
          loginRetired: false,
          sessions: [{ status: 'active' }, { status: 'active' }],
        },
      });
    });

    it('revokes every active and suspended session and retires the login', async () => {
      const id = account();
      await subject.system.suspendSessions(id, `${id}:suspend`);
      subject.accounts.addSession(id);
      const revoked = await subject.system.revokeAllSessions(id, `${id}:revoke`);
      expect(revoked).toMatchObject({ kind: 'done', value: { revoked: 3, revokedAt: expect.any(Date) } });
      const retired = await subject.system.retireLogin(id, `${id}:retire`);
      expect(retired).toMatchObject({ kind: 'done', value: { retiredAt: expect.any(Date) } });
      expect(subject.accounts.statusesOf(id)).toEqual(['revoked', 'revoked', 'revoked']);
      expect(subject.accounts.isLoginRetired(id)).toBe(true);
    });

    it('has no second effect for the same idempotency key: it replays the first answer', async () => {
      const id = account();
      const first = await subject.system.revokeAllSessions(id, `${id}:revoke`);
      const later = subject.accounts.addSession(id);
      const again = await subject.system.revokeAllSessions(id, `${id}:revoke`);
      expect(again).toEqual(first);
      expect(subject.accounts.statusesOf(id)).toEqual(['revoked', 'revoked', 'active']);
      expect(later).toBeDefined();
      expect(subject.accounts.byKey().get(`${id}:revoke`)).toEqual({ calls: 2, effects: 1 });
    });

    it('resumes only suspended sessions: revoked ones stay revoked', async () => {
      const id = account();
      expect(await subject.system.suspendSessions(id, `${id}:suspend`)).toEqual({
        kind: 'done',
        value: { suspended: 2 },
      });
      subject.accounts.addSession(id);
      await subject.system.revokeAllSessions(id, `${id}:revoke`);
      subject.accounts.addSession(id);
      await subject.system.suspendSessions(id, `${id}:suspend-2`);
      expect(await subject.system.resumeSessions(id, `${id}:resume`)).toEqual({
        kind: 'done',
        value: { resumed: 1 },
      });
      expect(subject.accounts.statusesOf(id)).toEqual(['revoked', 'revoked', 'revoked', 'active']);
    });

    it('answers a permanent failure for an account it does not hold', async () => {
      const unknown = `L-${randomUUID()}`;
      expect(await subject.system.revokeAllSessions(unknown, `${unknown}:revoke`)).toMatchObject({
        kind: 'permanent',
        code: 'legacy.unknown-account',
      });
      expect(await subject.system.listSessions(unknown)).toMatchObject({ kind: 'permanent' });
    });
  });
}
