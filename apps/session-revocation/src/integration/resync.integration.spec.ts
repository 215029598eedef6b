import { randomUUID } from 'node:crypto';
import { mintOperatorToken } from '@rekey/operator-auth';
import { eventually, readAllMessages } from '@rekey/testing';
import { LegacyCiamSimulator } from './legacy-ciam-simulator';
import {
  anAccount,
  completed,
  linked,
  outboxEvents,
  revocationReaches,
  startSessionRevocation,
  type AnAccount,
  type SessionRevocationUnderTest,
} from './session-revocation.fixture';

interface RunView {
  runId: string;
  state: string;
  requestedBy: { subject: string; role: string };
  counts: Record<string, number>;
  failures: unknown[];
}

describe("an operator's re-sync of a wave with the legacy system", () => {
  let simulator: LegacyCiamSimulator;
  let service: SessionRevocationUnderTest;
  let writer: string;
  let reader: string;

  beforeAll(async () => {
    simulator = await LegacyCiamSimulator.start();
    service = await startSessionRevocation('revocation_resync', {
      ...simulator.environment,
      RESYNC_POLL_INTERVAL_MS: '50',
      RESYNC_BATCH_SIZE: '2',
    });
    writer = await mintOperatorToken({ subject: 'ops-lead', scopes: ['revocations:write'], ttlSeconds: 600 });
    reader = await mintOperatorToken({ subject: 'ops-1', scopes: ['revocations:read'], ttlSeconds: 600 });
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await simulator?.stop();
  });

  async function migrated(waveId: string): Promise<AnAccount> {
    const account = { ...anAccount(), waveId };
    await simulator.seed(account.legacyAccountId);
    await service.publish(linked(account));
    await service.publish(completed(account));
    await revocationReaches(service.db, account.journeyId, 'done');
    return account;
  }

  function resync(waveId: string, token = writer) {
    return fetch(`${service.url}/operator/waves/${waveId}/resync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
  }

  async function completedRun(waveId: string): Promise<RunView> {
    const started = await resync(waveId);
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as RunView;
    return eventually(async () => {
      const response = await fetch(`${service.url}/operator/resync-runs/${runId}`, {
        headers: { authorization: `Bearer ${reader}` },
      });
      const run = (await response.json()) as RunView;
      return run.state === 'completed' ? run : undefined;
    }, 30_000);
  }

  const resyncCalls = async (legacyAccountId: string) =>
    (await simulator.account(legacyAccountId)).calls.filter((call) =>
      call.idempotencyKey?.startsWith('rekey-resync:'),
    );

  it('revokes again a session created at the legacy side after revocation, reports it, and leaves the rest alone', async () => {
    const waveId = randomUUID();
    const drifted = await migrated(waveId);
    const clean = await migrated(waveId);
    const others = [await migrated(waveId), await migrated(waveId)];
    const drift = await simulator.openDriftSession(drifted.legacyAccountId);

    const run = await completedRun(waveId);

    expect(run.requestedBy).toEqual({ subject: 'ops-lead', role: 'operator' });
    expect(run.counts).toEqual({
      accountsChecked: 4,
      accountsWithDrift: 1,
      sessionsRevoked: 1,
      loginsRetired: 0,
      failures: 0,
    });
    const atLegacySide = await simulator.account(drifted.legacyAccountId);
    expect(atLegacySide.sessions.find((session) => session.id === drift.id)?.status).toBe('revoked');
    const { rows } = await service.db.query(
      `SELECT revoked_by, legacy_account_id FROM legacy_session WHERE session_id = $1`,
      [drift.id],
    );
    expect(rows).toEqual([{ revoked_by: 'resync', legacy_account_id: drifted.legacyAccountId }]);
    const checked = await fetch(`${service.url}/api/legacy-sessions/${drift.id}`, {
      headers: {
        authorization: `Bearer ${await mintOperatorToken({ subject: 'app', scopes: ['revocations:check'], ttlSeconds: 60 })}`,
      },
    });
    expect(await checked.json()).toMatchObject({ known: true, revoked: true });

    // An account revoked and without drift: listed, nothing done.
    for (const account of [clean, ...others]) expect(await resyncCalls(account.legacyAccountId)).toEqual([]);
    expect(await simulator.maxEffectsPerKey()).toBe(1);

    const events = await outboxEvents(service.db, drifted.legacyAccountId);
    expect(events.filter((event) => event.type === 'rekey.session.drift-repaired.v1')).toEqual([
      {
        type: 'rekey.session.drift-repaired.v1',
        data: {
          legacyAccountId: drifted.legacyAccountId,
          runId: run.runId,
          sessionsRevoked: 1,
          loginRetiredAgain: false,
        },
      },
    ]);
    expect(
      (await outboxEvents(service.db, clean.legacyAccountId)).filter((event) =>
        event.type.startsWith('rekey.session.drift'),
      ),
    ).toEqual([]);
    const published = await eventually(async () => {
      const messages = await readAllMessages(service.topicPrefix, ['rekey.session']);
      const mine = messages.filter(
        (message) =>
          (message.key === drifted.legacyAccountId &&
            message.text.includes('rekey.session.drift-repaired.v1')) ||
          message.key === waveId,
      );
      return mine.length === 2 ? mine : undefined;
    });
    const report = published.find((message) => message.key === waveId)!;
    expect(report.text).toContain('rekey.session.resync-completed.v1');
    const [reportEvent] = (await outboxEvents(service.db, waveId)).filter(
      (event) => event.type === 'rekey.session.resync-completed.v1',
    );
    expect(reportEvent?.data).toEqual({
      runId: run.runId,
      waveId,
      requestedBy: { subject: 'ops-lead', role: 'operator' },
      counts: run.counts,
    });

    // A second re-sync finds nothing left to repair.
    const second = await completedRun(waveId);
    expect(second.counts).toEqual({
      accountsChecked: 4,
      accountsWithDrift: 0,
      sessionsRevoked: 0,
      loginsRetired: 0,
      failures: 0,
    });
    expect((await resyncCalls(drifted.legacyAccountId)).map((call) => call.idempotencyKey)).toEqual([
      `rekey-resync:${run.runId}:${drifted.legacyAccountId}:revoke`,
    ]);
  }, 90_000);

  it('needs revocations:write to start and answers 404 for an unknown run', async () => {
    expect((await resync(randomUUID(), reader)).status).toBe(403);
    const unknown = await fetch(`${service.url}/operator/resync-runs/${randomUUID()}`, {
      headers: { authorization: `Bearer ${reader}` },
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('resync-run.not-found');
  });
});
