import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { JourneyAttributes } from '@rekey/observability';
import { SERVICE_LOGGER } from '@rekey/service-runtime';
import { hashResetToken } from '../tokens/domain/reset-token';
import { RedeemResetToken } from '../redemption/redeem-reset-token';
import type { Logger } from 'pino';
import {
  postForm,
  seedJourney,
  startCustomerJourneyService,
  type CustomerJourneyService,
} from './customer-journey.fixture';

interface LoggedLine {
  fields: Record<string, unknown>;
  message: string;
}

describe('customer actions in the logs', () => {
  let journey: CustomerJourneyService;
  const lines: LoggedLine[] = [];

  beforeAll(async () => {
    journey = await startCustomerJourneyService('reset_action_logs', {
      REDEEM_LIMIT_PER_IP: '3',
      TRUST_PROXY: '1',
    });
    // Records what the service's own logger is given at info, then writes it as usual.
    const logger = journey.service.app.get<Logger>(SERVICE_LOGGER);
    const info = logger.info.bind(logger);
    logger.info = ((fields: Record<string, unknown>, message: string) => {
      lines.push({ fields, message });
      info(fields, message);
    }) as Logger['info'];
  });

  afterAll(async () => {
    await journey?.stop();
  });

  const customerLines = () => lines.filter((line) => typeof line.fields['action'] === 'string');

  it('logs one line per redemption with its outcome class, never the token or the code', async () => {
    const seeded = await seedJourney(journey.db);
    const used = await seedJourney(journey.db, { tokenStatus: 'redeemed' });
    const from = { 'x-forwarded-for': '10.5.0.1' };
    lines.length = 0;
    await postForm(journey, '/reset/redeem', { token: seeded.token }, from);
    await postForm(journey, '/reset/redeem', { code: used.code }, from);
    await postForm(journey, '/reset/redeem', { token: used.token }, from);
    await postForm(journey, '/reset/redeem', { token: used.token }, from);
    expect(customerLines().map((line) => [line.fields['action'], line.fields['outcome']])).toEqual([
      ['redeem', 'redeemed'],
      ['redeem', 'refused'],
      ['redeem', 'refused'],
      ['redeem', 'rate_limited'],
    ]);
    const written = JSON.stringify(lines);
    for (const secret of [seeded.token, used.token, used.code, used.code.replace(/-/g, '')])
      expect(written).not.toContain(secret);
  });

  it('logs step-up and request-link attempts once each, without the code or the address', async () => {
    lines.length = 0;
    await postForm(journey, '/reset/step-up', { code: '123456' }, { 'x-forwarded-for': '10.5.1.1' });
    await postForm(
      journey,
      '/reset/request-link',
      { email: 'jane@example.com' },
      { 'x-forwarded-for': '10.5.2.1' },
    );
    await postForm(journey, '/reset/request-link', { email: 'nope' }, { 'x-forwarded-for': '10.5.2.1' });
    expect(customerLines().map((line) => [line.fields['action'], line.fields['outcome']])).toEqual([
      ['step_up', 'unavailable'],
      ['request_link', 'requested'],
      ['request_link', 'refused'],
    ]);
    const written = JSON.stringify(lines);
    expect(written).not.toContain('123456');
    expect(written).not.toContain('jane@example.com');
  });

  it("puts the journey on the request's span once the token is looked up", async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const seeded = await seedJourney(journey.db, { tokenStatus: 'superseded' });
    const span = new TracerProvider().getTracer('test').startSpan('POST /reset/redeem');
    await context.with(trace.setSpan(context.active(), span), () =>
      journey.service.app.get(RedeemResetToken).execute({
        credential: { kind: 'token', hash: hashResetToken(seeded.token) },
        client: { ipAddress: '10.5.3.1' },
      }),
    );
    span.end();
    expect((span as unknown as { attributes: Record<string, unknown> }).attributes).toMatchObject({
      [JourneyAttributes.journeyId]: seeded.journeyId,
      [JourneyAttributes.waveId]: seeded.waveId,
      [JourneyAttributes.legacyAccountId]: seeded.legacyAccountId,
    });
    context.disable();
  });
});
