import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { mintOperatorToken } from '@rekey/operator-auth';
import { eventually } from '@rekey/testing';
import { aHoldPlaced, aStepUpPassed, startAudit, type AuditUnderTest } from './audit.fixture';

const verifier = path.resolve(__dirname, '../../../../tools/audit-evidence/verify-evidence.cjs');

describe('an evidence export, checked offline', () => {
  let audit: AuditUnderTest;
  let token: string;
  let folder: string;
  let keyFile: string;
  const account = `L-${randomUUID()}`;
  const journeyId = randomUUID();
  const waveId = randomUUID();

  beforeAll(async () => {
    audit = await startAudit('audit_evidence', {
      AUDIT_CHECKPOINT_EVERY_RECORDS: '8',
      AUDIT_CHECKPOINT_EVERY_SECONDS: '3600',
    });
    token = await mintOperatorToken({
      subject: 'auditor@example.com',
      scopes: ['audit:read'],
      ttlSeconds: 600,
    });
    // The account's two records among others, then enough to seal them.
    await audit.publish([aHoldPlaced(), aHoldPlaced(account, journeyId), aHoldPlaced(), aHoldPlaced()]);
    await audit.publish([
      aStepUpPassed(account, journeyId, waveId),
      aHoldPlaced(),
      aHoldPlaced(),
      aHoldPlaced(),
    ]);
    await eventually(async () => {
      const { rows } = await audit.db.query('SELECT 1 FROM audit_checkpoint');
      return rows.length > 0 ? true : undefined;
    });
    folder = await mkdtemp(path.join(os.tmpdir(), 'audit-evidence-'));
    keyFile = path.join(folder, 'jwks.json');
    await writeFile(keyFile, await (await fetch(`${audit.url}/.well-known/jwks.json`)).text());
  });

  afterAll(async () => {
    await audit?.stop();
  });

  const exportOf = async (query: string) => {
    const response = await fetch(`${audit.url}/operator/audit/evidence?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    return response.text();
  };

  const check = async (text: string): Promise<{ code: number; output: string }> => {
    const file = path.join(folder, `${randomUUID()}.ndjson`);
    await writeFile(file, text);
    try {
      return {
        code: 0,
        output: execFileSync(process.execPath, [verifier, file, keyFile], { encoding: 'utf8' }),
      };
    } catch (error) {
      const failed = error as { status: number; stdout: string };
      return { code: failed.status, output: failed.stdout };
    }
  };

  it.each([`account=${encodeURIComponent(account)}`, `journey=${journeyId}`, `wave=${waveId}`])(
    'verifies an intact export (%s) with nothing but Node and the public key',
    async (query) => {
      const text = await exportOf(query);
      const kinds = text
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { kind: string }).kind);
      expect(kinds[0]).toBe('header');
      expect(kinds.filter((kind) => kind === 'record')).toHaveLength(2);
      expect(kinds).toContain('link');
      expect(kinds).toContain('checkpoint');
      const result = await check(text);
      expect(result).toMatchObject({ code: 0 });
      expect(result.output).toMatch(/^OK: 2 records verified/);
    },
  );

  it('fails an edited record, a dropped line and a bad signature, naming each', async () => {
    const lines = (await exportOf(`account=${encodeURIComponent(account)}`)).trim().split('\n');
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);

    const edited = parsed.map((entry) =>
      entry['kind'] === 'record'
        ? { ...entry, record: { ...(entry['record'] as object), source: 'someone-else' } }
        : entry,
    );
    const editedSequence = (
      parsed.find((entry) => entry['kind'] === 'record')!['record'] as { sequence: number }
    ).sequence;
    expect(await check(edited.map((entry) => JSON.stringify(entry)).join('\n'))).toEqual({
      code: 1,
      output: expect.stringMatching(new RegExp(`^FAIL: record ${editedSequence} was altered`)),
    });

    const linkIndex = parsed.findIndex((entry, index) => index > 1 && entry['kind'] === 'link');
    const dropped = lines.filter((_, index) => index !== linkIndex).join('\n');
    expect(await check(dropped)).toEqual({
      code: 1,
      output: expect.stringMatching(
        new RegExp(`^FAIL: record ${String(parsed[linkIndex]!['sequence'])} is missing`),
      ),
    });

    const forged = parsed.map((entry) =>
      entry['kind'] === 'checkpoint'
        ? { ...entry, signature: Buffer.alloc(64, 7).toString('base64url') }
        : entry,
    );
    expect(await check(forged.map((entry) => JSON.stringify(entry)).join('\n'))).toEqual({
      code: 1,
      output: expect.stringMatching(/^FAIL: checkpoint .* the signature does not verify/),
    });
  });
});
