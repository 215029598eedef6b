import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { deadLetterTopic, encodeOutgoingEvent, Topics } from '@rekey/contracts';
import { mintOperatorToken } from '@rekey/operator-auth';
import { eventually, readAllMessages } from '@rekey/testing';
import { aHoldPlaced, aStepUpPassed, aTraceparent, startAudit, type AuditUnderTest } from './audit.fixture';

describe('recording every event in the chained log', () => {
  let audit: AuditUnderTest;
  let token: string;

  beforeAll(async () => {
    audit = await startAudit('audit_recording', {
      AUDIT_CHECKPOINT_EVERY_RECORDS: '1000000',
      AUDIT_CHECKPOINT_EVERY_SECONDS: '2',
    });
    token = await mintOperatorToken({
      subject: 'auditor@example.com',
      scopes: ['audit:read'],
      ttlSeconds: 600,
    });
  });

  afterAll(async () => {
    await audit?.stop();
  });

  const get = async (path: string) => {
    const response = await fetch(`${audit.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: await response.text(),
    };
  };
  const getJson = async <T>(path: string) => JSON.parse((await get(path)).body) as T;
  const recordsOf = async (eventIds: string[]) =>
    (
      await audit.db.query<{ event_id: string; sequence: string }>(
        'SELECT event_id, sequence FROM audit_record WHERE event_id = ANY($1::uuid[]) ORDER BY sequence',
        [eventIds],
      )
    ).rows;

  it("appends each event once, with its trace id and the operator who acted, on a journey's timeline", async () => {
    const journeyId = randomUUID();
    const account = `L-${randomUUID()}`;
    const hold = aHoldPlaced(account, journeyId);
    const step = aStepUpPassed(account, journeyId, randomUUID());
    const traceparent = aTraceparent();
    await audit.publish([hold, step], { traceparent });
    // The same messages again: a redelivery.
    await audit.publish([hold, step], { traceparent });

    const timeline = await eventually(async () => {
      const page = await getJson<{ entries: Array<Record<string, unknown>> }>(
        `/operator/journeys/${journeyId}/events`,
      );
      return page.entries.length >= 2 ? page.entries : undefined;
    });
    expect(timeline).toEqual([
      expect.objectContaining({
        type: hold.type,
        source: 'reset-issuance',
        actor: { subject: 'analyst.2@example.com', role: 'security' },
        traceId: traceparent.split('-')[1],
      }),
      expect.objectContaining({ type: step.type, actor: null, traceId: traceparent.split('-')[1] }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await recordsOf([hold.id, step.id])).toHaveLength(2);
    const account_ = await getJson<{ entries: unknown[] }>(`/operator/accounts/${account}/events`);
    expect(account_.entries).toHaveLength(2);
  });

  it('dead-letters a malformed or schema-violating event with its reason, and the chain stays whole', async () => {
    const valid = aHoldPlaced();
    const broken = aHoldPlaced();
    const encoded = encodeOutgoingEvent(broken);
    const violating = { ...JSON.parse(encoded.value.toString()), placedBy: { subject: '', role: 'nobody' } };
    await audit.publishRaw([
      { ...encoded, value: Buffer.from(JSON.stringify(violating)) },
      { ...encoded, headers: { ...encoded.headers, ce_id: randomUUID() }, value: Buffer.from('{not json') },
    ]);
    await audit.publish([valid]);
    await eventually(async () => ((await recordsOf([valid.id])).length === 1 ? true : undefined));
    expect(await recordsOf([broken.id])).toHaveLength(0);

    const letters = await eventually(async () => {
      const read = await readAllMessages(audit.topicPrefix, [deadLetterTopic(Topics.reset)]);
      return read.length >= 2 ? read : undefined;
    });
    const text = letters.map((letter) => letter.text).join('\n');
    // The header values: why, and which consumer gave up.
    expect(text).toContain('event.schema-violation');
    expect(text).toContain('placedBy.role');
    expect(text).toContain('event.invalid-json');
    expect(text).toContain('audit.recorder');

    const report = await getJson<{ valid: boolean; records: number }>('/operator/audit/verification');
    expect(report).toMatchObject({ valid: true });
  });

  it('seals a signed checkpoint, publishes it, records it, and seals no checkpoint for checkpoints alone', async () => {
    const checkpoints = await eventually(async () => {
      const { rows } = await audit.db.query('SELECT last_sequence FROM audit_checkpoint');
      return rows.length > 0 ? rows : undefined;
    });
    expect(checkpoints.length).toBeGreaterThan(0);
    // The checkpoint-sealed event comes back over rekey.audit and is a record like any other.
    await eventually(async () => {
      const { rows } = await audit.db.query(
        `SELECT 1 FROM audit_record WHERE event_type = 'rekey.audit.checkpoint-sealed.v1'`,
      );
      return rows.length > 0 ? true : undefined;
    });
    const before = Number((await audit.db.query('SELECT count(*) FROM audit_checkpoint')).rows[0].count);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const after = Number((await audit.db.query('SELECT count(*) FROM audit_checkpoint')).rows[0].count);
    expect(after).toBe(before);

    const jwks = await fetch(`${audit.url}/.well-known/jwks.json`);
    expect(jwks.status).toBe(200);
    const { keys } = (await jwks.json()) as {
      keys: Array<{ kty: string; crv: string; kid: string; d?: string }>;
    };
    expect(keys).toEqual([expect.objectContaining({ kty: 'OKP', crv: 'Ed25519' })]);
    expect(keys[0]!.d).toBeUndefined();

    const report = await getJson<{ valid: boolean; checkpoints: number; unsealedRecords: number }>(
      '/operator/audit/verification',
    );
    expect(report.valid).toBe(true);
    expect(report.checkpoints).toBe(after);
  });

  it('lets the service role only insert and read the log, and refuses changes even to the owner', async () => {
    for (const statement of [
      `UPDATE audit_record SET source = 'forged'`,
      'DELETE FROM audit_record',
      'TRUNCATE audit_record',
      'DELETE FROM audit_checkpoint',
    ]) {
      await expect(audit.db.query(statement)).rejects.toThrow(/permission denied/);
    }
    const owner = new Pool({
      connectionString: audit.environment['DATABASE_MIGRATION_URL'],
      max: 1,
    });
    try {
      for (const statement of [
        `UPDATE audit_record SET source = 'forged'`,
        'DELETE FROM audit_record',
        'TRUNCATE audit_record',
      ]) {
        await expect(owner.query(statement)).rejects.toThrow(/append-only/);
      }
    } finally {
      await owner.end();
    }
  });

  it('refuses a journey id that is not a UUID and an unknown evidence selection with problem+json', async () => {
    const journey = await get('/operator/journeys/not-a-uuid/events');
    expect(journey.status).toBe(400);
    const evidence = await get('/operator/audit/evidence?colour=blue');
    expect(evidence.status).toBe(400);
    expect(evidence.type).toMatch(/application\/problem\+json/);
  });
});
