import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { RecordingNotifier } from '@rekey/notifications/testing';
import type { Logger } from 'pino';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';
import { StartStepUp, type JourneyToStepUp } from './start-step-up';

const config = { STEP_UP_MAX_ATTEMPTS: 5, STEP_UP_CODE_LIFETIME_MINUTES: 10 } as CustomerJourneyConfig;
const clock = {
  now: () => new Date('2026-12-18T17:30:00Z'),
  newId: () => '0b6f2f8e-2c57-4f5e-9d0e-5f0c1d2e3a4b',
};

class RecordingLogger {
  readonly errors: Array<{ fields: unknown; message: string }> = [];
  error(fields: unknown, message: string): void {
    this.errors.push({ fields, message });
  }
}

const journey = (verifiedContacts: JourneyToStepUp['verifiedContacts']): JourneyToStepUp => ({
  journeyId: '3f1c8a52-7d4e-4b9a-8c21-6e5f4d3c2b1a',
  legacyAccountId: 'legacy-1',
  waveId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  linkChannel: 'email',
  verifiedContacts,
});

function startStepUp(notifier: RecordingNotifier, logger = new RecordingLogger()): StartStepUp {
  return new StartStepUp(Buffer.alloc(32, 7), notifier, config, clock, logger as unknown as Logger);
}

describe('StartStepUp.deliver', () => {
  it('sends the code through the notifier to the other channel, under the challenge id', async () => {
    const notifier = new RecordingNotifier();
    const stepUp = startStepUp(notifier);
    const plan = stepUp.plan(
      journey([
        { kind: 'email', value: 'jane@example.com' },
        { kind: 'sms', value: '+33612345678' },
      ]),
      ['privileged'],
    );
    await stepUp.deliver(plan);
    expect(notifier.sent).toEqual([
      {
        id: `step-up-${clock.newId()}`,
        channel: 'sms',
        recipient: '+33612345678',
        subject: 'Your verification code',
        text: expect.stringContaining(`Your verification code is ${plan.delivery!.code}.`),
      },
    ]);
  });

  it('sends nothing when the customer must go to support', async () => {
    const notifier = new RecordingNotifier();
    const stepUp = startStepUp(notifier);
    await stepUp.deliver(
      stepUp.plan(journey([{ kind: 'email', value: 'jane@example.com' }]), ['privileged']),
    );
    expect(notifier.sent).toEqual([]);
  });

  it('logs a refused send without the code or the contact, and does not throw', async () => {
    // Transports name the recipient in their messages, as nodemailer's envelope errors do.
    const notifier = new RecordingNotifier().refuse(() =>
      Object.assign(new Error('all recipients were rejected: 550 <jane@example.com>'), {
        code: 'EENVELOPE',
        responseCode: 550,
      }),
    );
    const logger = new RecordingLogger();
    const stepUp = startStepUp(notifier, logger);
    const plan = stepUp.plan(
      journey([
        { kind: 'email', value: 'jane@example.com' },
        { kind: 'sms', value: '+33612345678' },
      ]),
      ['privileged'],
    );
    await expect(stepUp.deliver(plan)).resolves.toBeUndefined();
    expect(logger.errors).toHaveLength(1);
    const logged = JSON.stringify(logger.errors);
    expect(logged).toContain('EENVELOPE');
    expect(logged).not.toContain('jane@example.com');
    expect(logged).not.toContain(plan.delivery!.code);
    expect(logged).not.toContain('+33612345678');
  });
});

describe('StartStepUp.plan', () => {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => context.setGlobalContextManager(manager.enable()));
  afterAll(() => {
    manager.disable();
    context.disable();
  });

  it('keeps the redemption’s trace context with the challenge, for the grant a passed code leads to', () => {
    const redemption = {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
    };
    const stepUp = startStepUp(new RecordingNotifier());
    const plan = context.with(trace.setSpanContext(ROOT_CONTEXT, redemption), () =>
      stepUp.plan(journey([{ kind: 'sms', value: '+33612345678' }]), ['privileged']),
    );
    expect(plan.challenge.redemptionTraceparent).toBe(`00-${redemption.traceId}-${redemption.spanId}-01`);
    expect(stepUp.plan(journey([]), ['privileged']).challenge).not.toHaveProperty('redemptionTraceparent');
  });
});
