import { mintOperatorToken } from '@rekey/operator-auth';
import { eventually, readAllMessages } from '@rekey/testing';
import {
  anAccount,
  completed,
  linked,
  outboxEvents,
  revocationOf,
  revocationReaches,
  startSessionRevocation,
  type SessionRevocationUnderTest,
} from './session-revocation.fixture';

describe('a completed enrolment on a verified link closes the legacy path', () => {
  let service: SessionRevocationUnderTest;
  let token: string;

  beforeAll(async () => {
    service = await startSessionRevocation('revocation_flow');
    token = await mintOperatorToken({ subject: 'ops-1', scopes: ['revocations:read'], ttlSeconds: 600 });
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
  });

  const read = (route: string, bearer = token) =>
    fetch(`${service.url}${route}`, { headers: { authorization: `Bearer ${bearer}` } });

  it('revokes every legacy session once, retires the login, and publishes the three events', async () => {
    const account = anAccount();
    service.legacy.accounts.add(account.legacyAccountId, 3);
    const completion = completed(account);
    await service.publish(linked(account));
    await service.publish(completion, completion);

    const row = await revocationReaches(service.db, account.journeyId, 'done');
    expect(row).toMatchObject({ revoked_count: 3, attempts: 0 });
    expect(service.legacy.accounts.statusesOf(account.legacyAccountId)).toEqual([
      'revoked',
      'revoked',
      'revoked',
    ]);
    expect(service.legacy.accounts.isLoginRetired(account.legacyAccountId)).toBe(true);
    expect(service.legacy.accounts.effects).toMatchObject({ revoke: 1, retire: 1 });
    expect(service.legacy.maxEffectsPerKey()).toBe(1);

    const events = await outboxEvents(service.db, account.legacyAccountId);
    expect(events.map((event) => event.type)).toEqual([
      'rekey.session.legacy-sessions-revoked.v1',
      'rekey.migration.legacy-sessions-revoked.v1',
      'rekey.migration.account-migrated.v1',
    ]);
    expect(events[2]!.data).toMatchObject({
      legacyAccountId: account.legacyAccountId,
      targetAccountId: account.targetAccountId,
      journeyId: account.journeyId,
      waveId: account.waveId,
      methods: ['passkey'],
      assuranceLevel: 'aal2',
      enrolledAt: completion.time,
    });
    const published = await eventually(async () => {
      const messages = await readAllMessages(service.topicPrefix, ['rekey.migration', 'rekey.session']);
      const mine = messages.filter((message) => message.key === account.legacyAccountId);
      return mine.length === 3 ? mine : undefined;
    });
    expect(published.filter((message) => message.topic === 'rekey.migration')).toHaveLength(2);

    const view = (await (await read(`/operator/revocations/${account.legacyAccountId}`)).json()) as {
      revocations: Array<Record<string, unknown>>;
    };
    expect(view.revocations).toEqual([
      expect.objectContaining({
        journeyId: account.journeyId,
        state: 'done',
        stalled: false,
        revokedCount: 3,
      }),
    ]);
  });

  it('keeps a completion without a verified link waiting, and starts it when the link arrives', async () => {
    const account = anAccount();
    service.legacy.accounts.add(account.legacyAccountId, 1);
    await service.publish(linked(account, 'T-someone-else'), completed(account));
    await revocationReaches(service.db, account.journeyId, 'awaiting_link');
    const waiting = (await (await read('/operator/revocations?state=awaiting_link&limit=200')).json()) as {
      items: Array<{ journeyId: string }>;
    };
    expect(waiting.items.map((item) => item.journeyId)).toContain(account.journeyId);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(service.legacy.accounts.statusesOf(account.legacyAccountId)).toEqual(['active']);

    await service.publish(linked(account));
    await revocationReaches(service.db, account.journeyId, 'done');
    expect(service.legacy.accounts.statusesOf(account.legacyAccountId)).toEqual(['revoked']);
  });

  it('never revokes an account that was linked but never completed enrolment', async () => {
    const account = anAccount();
    service.legacy.accounts.add(account.legacyAccountId, 2);
    const marker = anAccount();
    service.legacy.accounts.add(marker.legacyAccountId, 1);
    await service.publish(linked(account), linked(marker), completed(marker));
    // The marker went through after the link of the other: everything before it was read.
    await revocationReaches(service.db, marker.journeyId, 'done');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await revocationOf(service.db, account.journeyId)).toBeUndefined();
    expect(service.legacy.accounts.statusesOf(account.legacyAccountId)).toEqual(['active', 'active']);
    expect(service.legacy.accounts.isLoginRetired(account.legacyAccountId)).toBe(false);
  });

  it('answers operators by state and account, and refuses tokens without the scope', async () => {
    const done = (await (await read('/operator/revocations?state=done&limit=1')).json()) as {
      items: unknown[];
      next?: string;
    };
    expect(done.items).toHaveLength(1);
    expect(done.next).toEqual(expect.any(String));
    const second = (await (
      await read(`/operator/revocations?state=done&limit=1&after=${done.next}`)
    ).json()) as {
      items: Array<{ journeyId: string }>;
    };
    expect(second.items[0]?.journeyId).not.toBe(done.next);
    expect((await read('/operator/revocations?state=bogus')).status).toBe(400);
    expect((await read('/operator/revocations/L-nobody')).status).toBe(404);
    const wrong = await mintOperatorToken({ subject: 'ops-2', scopes: ['waves:read'], ttlSeconds: 600 });
    expect((await read('/operator/revocations', wrong)).status).toBe(403);
  });
});
