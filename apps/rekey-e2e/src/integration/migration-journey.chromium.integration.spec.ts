import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLegacyCiamProcess, type LegacyCiamProcess } from '@rekey/testing';
import type { Browser } from 'playwright-core';
import { addVirtualAuthenticator, launchChromium, openCustomerTab } from './customer-browser';
import { DownstreamConsumer } from './downstream-consumer';
import {
  enrollmentOrigin,
  issuanceOrigin,
  launchEnrolmentWave,
  startMigrationServices,
} from './enrolment-platform';
import { enrolPasskey } from './enrolment-steps';
import { customerDirectories, operatorClient } from './journey-fixture';
import { OtlpReceiver, type ReceivedSpan } from './otlp-receiver';
import { eventually, operatorToken, root, TestPlatform, testPorts } from './platform';

const SERVER = 2;

interface TimelineEntry {
  type: string;
  source: string;
  journeyId: string | null;
  actor: { subject: string; role: string } | null;
  traceId: string | null;
  occurredAt: string;
}

/**
 * One customer's whole migration across the six services: imported and linked, launched in a
 * wave, the link redeemed and a passkey enrolled in Chromium, the legacy sessions revoked and
 * the login retired at the legacy-CIAM simulator, the account-migrated event read by a plain
 * downstream consumer that checks it against the published AsyncAPI document, and audit's log
 * verified, with the journey's timeline naming every step.
 *
 * The journey, redeem → enrol → revoke, is also one trace across reset-issuance,
 * enrollment, session-revocation and audit (each a process exporting OTLP to the test's
 * receiver), however many browser requests it takes: the grant carries the redemption's trace
 * context, enrollment does each step's work in it, the completion's event carries it to the
 * revocation, and the revocation's events carry it to audit. Every span of it names the journey.
 */
describe('one customer\u2019s migration, end to end across the six services', () => {
  const platform = new TestPlatform('migration-journey');
  const receiver = new OtlpReceiver();
  const run = randomUUID().slice(0, 8);
  const directories = customerDirectories(run, 1);
  const legacyAccountId = directories.id('L', 0);
  let legacy: LegacyCiamProcess;
  let mailDir: string;
  let browser: Browser;
  let links: Map<string, string[]>;
  let waveId: string;
  let journeyId: string;
  let downstream: DownstreamConsumer;

  beforeAll(async () => {
    mailDir = await mkdtemp(path.join(os.tmpdir(), 'rekey-e2e-migration-journey-mail-'));
    const [endpoint, simulator] = await Promise.all([receiver.start(), startLegacyCiamProcess()]);
    legacy = simulator;
    const seeded = await fetch(`${legacy.simulatorUrl}/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([legacyAccountId]),
    });
    expect(seeded.status).toBe(201);
    const services = await startMigrationServices(platform, mailDir, legacy.apiUrl, {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    const token = await operatorToken(['imports:write', 'waves:write', 'waves:read']);
    ({ waveId, links } = await launchEnrolmentWave(
      operatorClient(token),
      services,
      token,
      directories,
      mailDir,
    ));
    downstream = new DownstreamConsumer(platform.kafkaBrokers, `${platform.topicPrefix}rekey.migration`);
    await downstream.start();
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await downstream?.stop();
    await browser?.close();
    await legacy?.stop();
    await receiver.stop();
    await rm(mailDir, { recursive: true, force: true });
  });

  it('gives the redemption, the enrolment, the revocation and their audit one trace id', async () => {
    const tab = await openCustomerTab(browser);
    const { page } = tab;
    await addVirtualAuthenticator(page);
    await page.goto(`${issuanceOrigin}/reset#t=${links.get(directories.email(0))!.at(-1)!}`);
    await Promise.all([
      page.waitForURL(`${enrollmentOrigin}/enroll/methods`),
      page.getByRole('button', { name: 'Continue' }).click(),
    ]);
    await enrolPasskey(page, 'pointer');
    await tab.close();

    const [journey] = await platform.query<{ id: string }>(
      'reset-issuance',
      `SELECT id FROM journey WHERE legacy_account_id = $1 AND wave_id = $2`,
      [legacyAccountId, waveId],
    );
    journeyId = journey!.id;
    // The legacy sessions are revoked at the simulator once the enrolment is complete.
    await eventually(async () => {
      const account = (await (await fetch(`${legacy.simulatorUrl}/accounts/${legacyAccountId}`)).json()) as {
        retiredAt?: string | null;
      };
      return account.retiredAt ? true : undefined;
    }, 60_000);

    const ofJourney = (span: ReceivedSpan) => span.attributes['rekey.journey_id'] === journeyId;
    const find = (description: string, match: (span: ReceivedSpan) => boolean) =>
      eventually(async () => receiver.spans.find((span) => match(span) && ofJourney(span)), 30_000).catch(
        () => {
          throw new Error(`no span of the journey: ${description}`);
        },
      );
    const typed = (service: string, kind: string, type: string) => (span: ReceivedSpan) =>
      span.service === service &&
      span.name.startsWith(`${kind} `) &&
      span.attributes['messaging.message.type'] === type;

    const redeem = await find(
      'the redemption',
      (span) =>
        span.service === 'reset-issuance' && span.kind === SERVER && span.name === 'POST /reset/redeem',
    );
    const traceId = redeem.traceId;
    const exchange = await find(
      'the grant exchange',
      (span) => span.service === 'enrollment' && span.name === 'enrolment grant exchange',
    );
    const completion = await find(
      'the completion',
      typed('enrollment', 'publish', 'rekey.enrollment.completed.v1'),
    );
    const revocation = await find(
      'the revocation',
      (span) => span.service === 'session-revocation' && span.name === 'revoke legacy sessions',
    );
    const audited = await Promise.all(
      [
        'rekey.enrollment.completed.v1',
        'rekey.session.legacy-sessions-revoked.v1',
        'rekey.migration.account-migrated.v1',
      ].map((type) => find(`audit processing ${type}`, typed('audit', 'process', type))),
    );

    for (const span of [exchange, completion, revocation, ...audited]) {
      expect({ service: span.service, name: span.name, traceId: span.traceId }).toEqual({
        service: span.service,
        name: span.name,
        traceId,
      });
    }
    // The completion was written by a step of the journey (a browser request's work) …
    const step = receiver.spans.find((span) => span.spanId === completion.parentSpanId);
    expect(step).toMatchObject({
      service: 'enrollment',
      traceId,
      attributes: { 'rekey.journey_id': journeyId },
    });
    expect(step!.name).toMatch(/^enrolment (POST|GET) \/enroll\//);
    // … which is linked to that request's own server span, in the browser request's trace.
    const [requestLink] = step!.links;
    const request = receiver.spans.find((span) => span.spanId === requestLink?.spanId);
    expect(request).toMatchObject({
      service: 'enrollment',
      kind: SERVER,
      attributes: { 'rekey.journey_id': journeyId },
    });
    expect(request!.traceId).not.toBe(traceId);
    // The revocation is a child in the trace, not a new trace linked to it.
    expect(revocation.parentSpanId).not.toBe('');
    expect(revocation.links).toEqual([]);
  });

  it('revoked the sessions and retired the login at the legacy side exactly once each', async () => {
    const stats = (await (await fetch(`${legacy.simulatorUrl}/stats`)).json()) as {
      byIdempotencyKey: Record<string, { calls: number; effects: number }>;
    };
    const keys = Object.keys(stats.byIdempotencyKey).filter((key) => key.includes(journeyId));
    expect(keys.sort()).toEqual([
      `rekey-revocation:${journeyId}:retire-login`,
      `rekey-revocation:${journeyId}:revoke-sessions`,
    ]);
    for (const key of keys) expect(stats.byIdempotencyKey[key]!.effects).toBe(1);
  });

  it('tells a downstream application, in the documented contract, that the account moved', async () => {
    const migrated = await eventually(
      async () =>
        downstream.messages.find(
          (message) =>
            message.type === 'rekey.migration.account-migrated.v1' && message.key === legacyAccountId,
        ),
      30_000,
    );
    expect(migrated.problems).toEqual([]);
    expect(migrated.payload).toMatchObject({
      legacyAccountId,
      journeyId,
      waveId,
      methods: expect.arrayContaining(['passkey']),
    });
    // The public stream carries no contact data.
    expect(JSON.stringify(migrated.payload)).not.toMatch(/@|\+44/);
    expect(downstream.messages.flatMap((message) => message.problems)).toEqual([]);
  });

  it('keeps every step, with its service and trace id, in a log that verifies', async () => {
    const auditUrl = `http://127.0.0.1:${testPorts.audit}`;
    const headers = { authorization: `Bearer ${await operatorToken(['audit:read'])}` };
    const journeyTimeline = await eventually(async () => {
      const page = (await (
        await fetch(`${auditUrl}/operator/journeys/${journeyId}/events?limit=500`, { headers })
      ).json()) as { entries: TimelineEntry[] };
      return page.entries.some((entry) => entry.type === 'rekey.migration.account-migrated.v1')
        ? page.entries
        : undefined;
    }, 30_000);
    const steps = [
      'reset-issuance rekey.reset.token-issued.v1',
      'reset-issuance rekey.reset.token-redeemed.v1',
      'enrollment rekey.enrollment.completed.v1',
      'session-revocation rekey.session.legacy-sessions-revoked.v1',
      'session-revocation rekey.migration.account-migrated.v1',
    ].map((step) => {
      const found = journeyTimeline.filter((entry) => `${entry.source} ${entry.type}` === step);
      expect({ step, times: found.length }).toEqual({ step, times: 1 });
      return found[0]!;
    });
    // Audit records topics as they arrive, so the log's order across topics is its own; the
    // steps' own times give the journey's order.
    const times = steps.map((entry) => Date.parse(entry.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const entry of journeyTimeline) {
      expect(entry.journeyId).toBe(journeyId);
      expect(entry.traceId).toMatch(/^[0-9a-f]{32}$/);
    }
    // The account's own timeline starts with its link, before any journey.
    const accountTimeline = (await (
      await fetch(`${auditUrl}/operator/accounts/${legacyAccountId}/events?limit=500`, { headers })
    ).json()) as { entries: TimelineEntry[] };
    expect(accountTimeline.entries.map((entry) => entry.type)).toContain('rekey.identity.linked.v2');

    const report = await eventually(async () => {
      const verification = (await (
        await fetch(`${auditUrl}/operator/audit/verification`, { headers })
      ).json()) as { valid: boolean; records: number; checkpoints: number; firstProblem: unknown };
      return verification.checkpoints > 0 ? verification : undefined;
    }, 30_000);
    expect(report).toMatchObject({ valid: true, firstProblem: null });
    expect(report.records).toBeGreaterThanOrEqual(journeyTimeline.length);
  });

  it('exports the wave\u2019s evidence, naming the operator who launched it, and it verifies offline', async () => {
    const auditUrl = `http://127.0.0.1:${testPorts.audit}`;
    const headers = { authorization: `Bearer ${await operatorToken(['audit:read'])}` };
    const evidenceFile = path.join(mailDir, 'evidence.ndjson');
    const keysFile = path.join(mailDir, 'audit.jwks.json');
    await writeFile(keysFile, await (await fetch(`${auditUrl}/.well-known/jwks.json`)).text());
    const verifyOffline = () =>
      spawnSync(
        process.execPath,
        [path.join(root, 'tools/audit-evidence/verify-evidence.cjs'), evidenceFile, keysFile],
        {
          encoding: 'utf8',
        },
      );
    // Exported again until a checkpoint seals the journey's last step: then all of it is checked.
    const { exported, verifier } = await eventually(async () => {
      const text = await (
        await fetch(`${auditUrl}/operator/audit/evidence?wave=${waveId}`, { headers })
      ).text();
      if (!text.includes('rekey.migration.account-migrated.v1')) return undefined;
      await writeFile(evidenceFile, text);
      const result = verifyOffline();
      return result.stdout.includes('NOT YET SEALED') ? undefined : { exported: text, verifier: result };
    }, 30_000);
    expect({ status: verifier.status, stdout: verifier.stdout.trim() }).toEqual({
      status: 0,
      stdout: expect.stringMatching(/^OK: \d+ records verified/),
    });
    const records = exported
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; record?: { type: string; actor: unknown } })
      .flatMap((line) => (line.kind === 'record' ? [line.record!] : []));
    expect(records.find((record) => record.type === 'rekey.reset.wave-launched.v1')).toMatchObject({
      actor: { subject: 'operator@example.com' },
    });
    expect(records.map((record) => record.type)).toContain('rekey.enrollment.completed.v1');
  });
});
