import { stopServiceProcess, type ServiceProcess } from '@rekey/testing';
import { anAccountId, eventually, operatorToken, TestPlatform } from './platform';

describe('an operator hold, from reset-issuance to the audit log', () => {
  const platform = new TestPlatform('holds');
  let services: Record<'reset-issuance' | 'audit', ServiceProcess>;

  beforeAll(async () => {
    services = await platform.startServices(['reset-issuance', 'audit']);
  });

  const placeHold = (token: string | undefined, body: unknown) =>
    fetch(`${services['reset-issuance'].url}/operator/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      // The accounts of these tests are in no directory: held on purpose.
      body: JSON.stringify({ deliberate: true, ...(body as object) }),
    });

  it('records who placed the hold, once, in the account timeline', async () => {
    const account = anAccountId();
    const placed = await placeHold(await operatorToken(['holds:write']), {
      legacyAccountId: account,
      reason: 'suspected takeover',
    });
    expect(placed.status).toBe(201);
    const hold = (await placed.json()) as { id: string };

    const auditor = await operatorToken(['audit:read']);
    const timeline = await eventually(async () => {
      const response = await fetch(`${services.audit.url}/operator/accounts/${account}/events`, {
        headers: { authorization: `Bearer ${auditor}` },
      });
      const body = (await response.json()) as {
        entries: Array<{ type: string; data: Record<string, unknown> }>;
      };
      return body.entries.length > 0 ? body.entries : undefined;
      // The audit's consumer group joins for the first time on this platform's topics.
    }, 60_000);
    expect(timeline).toHaveLength(1);
    expect(timeline[0]!.type).toBe('rekey.reset.hold-placed.v1');
    expect(timeline[0]!.data).toMatchObject({
      holdId: hold.id,
      legacyAccountId: account,
      placedBy: { subject: 'operator@example.com', role: 'operator' },
    });
  });

  it('refuses a second active hold on the same account with a problem document', async () => {
    const token = await operatorToken(['holds:write']);
    const account = anAccountId();
    expect((await placeHold(token, { legacyAccountId: account, reason: 'first' })).status).toBe(201);
    const second = await placeHold(token, { legacyAccountId: account, reason: 'second' });
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await second.json()).toMatchObject({ status: 409, code: 'hold.already-active' });
  });

  it('rejects a malformed request naming the field', async () => {
    const response = await placeHold(await operatorToken(['holds:write']), {
      legacyAccountId: '',
      reason: 'x',
      extra: 1,
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((error) => error.field).sort()).toEqual(['extra', 'legacyAccountId']);
  });

  it('refuses a request without a token, or with a token lacking the scope', async () => {
    const anonymous = await placeHold(undefined, { legacyAccountId: anAccountId(), reason: 'x' });
    expect(anonymous.status).toBe(401);
    const wrongScope = await placeHold(await operatorToken(['audit:read']), {
      legacyAccountId: anAccountId(),
      reason: 'x',
    });
    expect(wrongScope.status).toBe(403);
    expect(wrongScope.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('publishes its OpenAPI document', async () => {
    const response = await fetch(`${services['reset-issuance'].url}/docs-json`);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/operator/holds', '/health/ready']));
  });

  it('shuts down cleanly on SIGTERM, having published what it committed', async () => {
    const account = anAccountId();
    const placed = await placeHold(await operatorToken(['holds:write']), {
      legacyAccountId: account,
      reason: 'last one',
    });
    expect(placed.status).toBe(201);
    expect(await stopServiceProcess(services['reset-issuance'])).toBe(0);

    const auditor = await operatorToken(['audit:read']);
    const entries = await eventually(async () => {
      const response = await fetch(`${services.audit.url}/operator/accounts/${account}/events`, {
        headers: { authorization: `Bearer ${auditor}` },
      });
      const body = (await response.json()) as { entries: unknown[] };
      return body.entries.length > 0 ? body.entries : undefined;
    });
    expect(entries).toHaveLength(1);
  });
});
