import { mintOperatorToken } from '@rekey/operator-auth';
import { LegacyCiamSimulator } from './legacy-ciam-simulator';
import {
  anAccount,
  completed,
  linked,
  revocationReaches,
  startSessionRevocation,
  type AnAccount,
  type SessionRevocationUnderTest,
} from './session-revocation.fixture';

describe('the legacy session inventory and the revocation check API', () => {
  let simulator: LegacyCiamSimulator;
  let service: SessionRevocationUnderTest;
  let token: string;

  beforeAll(async () => {
    simulator = await LegacyCiamSimulator.start();
    service = await startSessionRevocation('revocation_checks', simulator.environment);
    token = await mintOperatorToken({ subject: 'shop-app', scopes: ['revocations:check'], ttlSeconds: 600 });
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await simulator?.stop();
  });

  // `null`: no Authorization header at all.
  const get = (route: string, bearer: string | null = token) =>
    fetch(`${service.url}${route}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  const batch = (body: unknown, bearer = token) =>
    fetch(`${service.url}/api/revocation-checks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  async function migrate(): Promise<AnAccount & { sessionIds: string[] }> {
    const account = anAccount();
    await simulator.seed(account.legacyAccountId);
    const before = await simulator.account(account.legacyAccountId);
    await service.publish(linked(account));
    await service.publish(completed(account));
    await revocationReaches(service.db, account.journeyId, 'done');
    return { ...account, sessionIds: before.sessions.map((session) => session.id) };
  }

  it("records the account's legacy sessions as revoked with the revocation's step", async () => {
    const account = await migrate();
    expect(account.sessionIds.length).toBeGreaterThan(0);

    const { rows } = await service.db.query(
      `SELECT session_id, revoked_by, journey_id, revoked_at FROM legacy_session
        WHERE legacy_account_id = $1 ORDER BY session_id`,
      [account.legacyAccountId],
    );
    expect(rows.map((row) => row.session_id)).toEqual([...account.sessionIds].sort());
    expect(rows.every((row) => row.revoked_by === 'enrolment' && row.journey_id === account.journeyId)).toBe(
      true,
    );
    const [revocation] = (
      await service.db.query(`SELECT sessions_revoked_at FROM legacy_revocation WHERE journey_id = $1`, [
        account.journeyId,
      ])
    ).rows;
    expect(rows[0].revoked_at).toEqual(revocation.sessions_revoked_at);
    const atLegacySide = await simulator.account(account.legacyAccountId);
    expect(atLegacySide.sessions.every((session) => session.status === 'revoked')).toBe(true);
    expect(await simulator.maxEffectsPerKey()).toBe(1);
  });

  it('answers whether one legacy account migrated and whether one legacy session is revoked', async () => {
    const account = await migrate();

    const migration = await get(
      `/api/legacy-accounts/${encodeURIComponent(account.legacyAccountId)}/migration`,
    );
    expect(migration.status).toBe(200);
    expect(await migration.json()).toEqual({
      legacyAccountId: account.legacyAccountId,
      migrated: true,
      targetAccountId: account.targetAccountId,
      migratedAt: expect.any(String),
      legacySessionsRevokedAt: expect.any(String),
    });
    const unknown = await get('/api/legacy-accounts/never-heard-of/migration');
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({ legacyAccountId: 'never-heard-of', migrated: false });

    const sessionId = account.sessionIds[0]!;
    const session = await get(`/api/legacy-sessions/${encodeURIComponent(sessionId)}`);
    expect(await session.json()).toEqual({
      sessionId,
      known: true,
      revoked: true,
      legacyAccountId: account.legacyAccountId,
      revokedAt: expect.any(String),
    });
    expect(await (await get('/api/legacy-sessions/ls-unknown')).json()).toEqual({
      sessionId: 'ls-unknown',
      known: false,
      revoked: false,
    });
  });

  it('answers a batch of 1,000 ids in the order asked', async () => {
    const account = await migrate();
    const legacyAccountIds = [
      ...Array.from({ length: 300 }, (_, i) => `unknown-${i}`),
      account.legacyAccountId,
      ...Array.from({ length: 199 }, (_, i) => `other-${i}`),
    ];
    const sessionIds = [
      ...Array.from({ length: 500 - account.sessionIds.length }, (_, i) => `ls-none-${i}`),
      ...account.sessionIds,
    ];
    const response = await batch({ legacyAccountIds, sessionIds });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as {
      accounts: Array<{ legacyAccountId: string; migrated: boolean }>;
      sessions: Array<{ sessionId: string; revoked: boolean }>;
    };
    expect(answer.accounts.map((each) => each.legacyAccountId)).toEqual(legacyAccountIds);
    expect(answer.accounts.filter((each) => each.migrated).map((each) => each.legacyAccountId)).toEqual([
      account.legacyAccountId,
    ]);
    expect(answer.sessions.map((each) => each.sessionId)).toEqual(sessionIds);
    expect(answer.sessions.filter((each) => each.revoked).map((each) => each.sessionId)).toEqual(
      account.sessionIds,
    );
  });

  it('refuses 1,001 ids in one call, naming the field', async () => {
    const response = await batch({
      legacyAccountIds: Array.from({ length: 600 }, (_, i) => `a-${i}`),
      sessionIds: Array.from({ length: 401 }, (_, i) => `s-${i}`),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { code: string; errors: Array<{ field: string }> };
    expect(problem.code).toBe('request.invalid');
    expect(problem.errors.map((error) => error.field)).toEqual(['sessionIds']);

    const tooManyAccounts = await batch({
      legacyAccountIds: Array.from({ length: 1001 }, (_, i) => `a-${i}`),
    });
    expect(tooManyAccounts.status).toBe(400);
    expect(((await tooManyAccounts.json()) as { errors: Array<{ field: string }> }).errors[0]!.field).toBe(
      'legacyAccountIds',
    );
  });

  it('refuses a token without the check scope (403) and a call without a token (401)', async () => {
    const operator = await mintOperatorToken({
      subject: 'ops',
      scopes: ['revocations:read'],
      ttlSeconds: 600,
    });
    expect((await get('/api/legacy-sessions/ls-1', operator)).status).toBe(403);
    expect((await batch({ sessionIds: ['ls-1'] }, operator)).status).toBe(403);
    expect((await get('/api/legacy-accounts/a-1/migration', null)).status).toBe(401);
  });
});
