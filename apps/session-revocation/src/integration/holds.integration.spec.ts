import { randomUUID } from 'node:crypto';
import { eventually } from '@rekey/testing';
import {
  anAccount,
  completed,
  fraudHold,
  linked,
  outboxEvents,
  revocationReaches,
  startSessionRevocation,
  type SessionRevocationUnderTest,
} from './session-revocation.fixture';

async function holdReaches(
  service: SessionRevocationUnderTest,
  holdId: string,
  probe: (row: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  return eventually(async () => {
    const { rows } = await service.db.query(`SELECT * FROM legacy_hold WHERE hold_id = $1`, [holdId]);
    const row = rows[0] as Record<string, unknown> | undefined;
    return row && probe(row) ? row : undefined;
  });
}

describe('holds suspend legacy sessions and their release resumes only what they suspended', () => {
  let service: SessionRevocationUnderTest;

  beforeAll(async () => {
    service = await startSessionRevocation('revocation_holds');
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
  });

  it('suspends the sessions while a fraud hold is in place and resumes them on release', async () => {
    const account = anAccount();
    service.legacy.accounts.add(account.legacyAccountId, 2);
    const holdId = randomUUID();
    await service.publish(fraudHold(account, holdId));
    await holdReaches(service, holdId, (row) => row['suspension'] === 'suspended');
    expect(service.legacy.accounts.statusesOf(account.legacyAccountId)).toEqual(['suspended', 'suspended']);

    await service.publish(fraudHold(account, holdId, true));
    await holdReaches(service, holdId, (row) => row['resumption'] === 'resumed');
    expect(service.legacy.accounts.statusesOf(account.legacyAccountId)).toEqual(['active', 'active']);
    expect((await outboxEvents(service.db, account.legacyAccountId)).map((event) => event.type)).toEqual([
      'rekey.session.legacy-sessions-suspended.v1',
      'rekey.session.legacy-sessions-resumed.v1',
    ]);
    expect(service.legacy.maxEffectsPerKey()).toBe(1);
  });

  it('restores nothing that enrolment revoked during the hold', async () => {
    const account = anAccount();
    service.legacy.accounts.add(account.legacyAccountId, 2);
    const holdId = randomUUID();
    await service.publish(linked(account), fraudHold(account, holdId));
    await holdReaches(service, holdId, (row) => row['suspension'] === 'suspended');
    await service.publish(completed(account));
    await revocationReaches(service.db, account.journeyId, 'done');
    service.legacy.accounts.addSession(account.legacyAccountId);

    await service.publish(fraudHold(account, holdId, true));
    await holdReaches(service, holdId, (row) => row['resumption'] === 'not_needed');
    expect(service.legacy.accounts.statusesOf(account.legacyAccountId)).toEqual([
      'revoked',
      'revoked',
      'active',
    ]);
    expect(service.legacy.accounts.byKey().has(`rekey-hold:${holdId}:resume`)).toBe(false);
  });

  it('keeps the sessions suspended while a second hold is still in place', async () => {
    const account = anAccount();
    service.legacy.accounts.add(account.legacyAccountId, 1);
    const [first, second] = [randomUUID(), randomUUID()];
    await service.publish(fraudHold(account, first), fraudHold(account, second));
    await holdReaches(service, second, (row) => row['suspension'] === 'suspended');
    await holdReaches(service, first, (row) => row['suspension'] === 'suspended');
    await service.publish(fraudHold(account, first, true));
    await holdReaches(service, first, (row) => row['resumption'] === 'not_needed');
    expect(service.legacy.accounts.statusesOf(account.legacyAccountId)).toEqual(['suspended']);
    await service.publish(fraudHold(account, second, true));
    await holdReaches(service, second, (row) => row['resumption'] === 'resumed');
    expect(service.legacy.accounts.statusesOf(account.legacyAccountId)).toEqual(['active']);
  });
});

describe('where the legacy system cannot suspend', () => {
  let service: SessionRevocationUnderTest;

  beforeAll(async () => {
    service = await startSessionRevocation('revocation_holds_revoke', { LEGACY_CAN_SUSPEND: 'false' });
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
  });

  it('revokes the sessions instead, records it, never retires the login and resumes nothing', async () => {
    const account = anAccount();
    service.legacy.accounts.add(account.legacyAccountId, 2);
    const holdId = randomUUID();
    await service.publish(fraudHold(account, holdId));
    await holdReaches(service, holdId, (row) => row['suspension'] === 'revoked_instead');
    await service.publish(fraudHold(account, holdId, true));
    await holdReaches(service, holdId, (row) => row['resumption'] === 'not_needed');
    expect(service.legacy.accounts.statusesOf(account.legacyAccountId)).toEqual(['revoked', 'revoked']);
    expect(service.legacy.accounts.isLoginRetired(account.legacyAccountId)).toBe(false);
    const { rows } = await service.db.query(
      `SELECT revoked_by FROM legacy_session WHERE legacy_account_id = $1`,
      [account.legacyAccountId],
    );
    expect(rows).toEqual([{ revoked_by: 'hold' }, { revoked_by: 'hold' }]);
    const [suspended] = await outboxEvents(service.db, account.legacyAccountId);
    expect(suspended).toMatchObject({
      type: 'rekey.session.legacy-sessions-suspended.v1',
      data: { holdId, suspendedCount: 2, revokedInstead: true },
    });
  });
});
