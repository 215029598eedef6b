import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLegacyCiamProcess, type LegacyCiamProcess } from '@rekey/testing';
import type { Browser } from 'playwright-core';
import { addVirtualAuthenticator, launchChromium, openCustomerTab } from './customer-browser';
import {
  enrollmentOrigin,
  issuanceOrigin,
  launchEnrolmentWave,
  startMigrationServices,
} from './enrolment-platform';
import { enrolPasskey } from './enrolment-steps';
import { customerDirectories, operatorClient } from './journey-fixture';
import { OtlpReceiver, type ReceivedSpan } from './otlp-receiver';
import { eventually, operatorToken, TestPlatform } from './platform';

const SERVER = 2;

/**
 * One customer's journey, redeem → enrol → revoke, is one trace across reset-issuance,
 * enrollment, session-revocation and audit (each a process exporting OTLP to the test's
 * receiver), however many browser requests it takes: the grant carries the redemption's trace
 * context, enrollment does each step's work in it, the completion's event carries it to the
 * revocation, and the revocation's events carry it to audit. Every span of it names the journey.
 */
describe('one journey, one trace', () => {
  const platform = new TestPlatform('journey-trace');
  const receiver = new OtlpReceiver();
  const run = randomUUID().slice(0, 8);
  const directories = customerDirectories(run, 1);
  const legacyAccountId = directories.id('L', 0);
  let legacy: LegacyCiamProcess;
  let mailDir: string;
  let browser: Browser;
  let links: Map<string, string[]>;
  let waveId: string;

  beforeAll(async () => {
    mailDir = await mkdtemp(path.join(os.tmpdir(), 'rekey-e2e-journey-trace-mail-'));
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
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
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
    const journeyId = journey!.id;
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
});
