import { SettableClock } from '@rekey/background/testing';
import { RecordingNotifier } from '@rekey/notifications/testing';
import { NoticeStoreFake } from '../testing/notice-store.fake';
import { SendSignInMethodNotices } from './send-sign-in-method-notices';

const config = { NOTICE_POLL_INTERVAL_MS: 1_000, NOTICE_LEASE_SECONDS: 60, NOTICE_BATCH_SIZE: 10 };

function aSender() {
  const store = new NoticeStoreFake();
  const notifier = new RecordingNotifier();
  const clock = new SettableClock(new Date('2026-12-02T15:00:00Z'));
  const warnings: Array<Record<string, unknown>> = [];
  const logger = { warn: (fields: Record<string, unknown>) => warnings.push(fields) };
  const send = new SendSignInMethodNotices(store, notifier, clock, config, logger as never);
  const addedAt = new Date('2026-12-02T14:59:00Z');
  store.queue({
    id: 'n-email',
    channel: 'email',
    recipient: 'ada@mail.example',
    methods: ['passkey'],
    addedAt,
  });
  store.queue({ id: 'n-sms', channel: 'sms', recipient: '+447700900123', methods: ['passkey'], addedAt });
  return { store, notifier, clock, warnings, send };
}

describe('SendSignInMethodNotices', () => {
  it('sends each queued notice once, named after the notice, and marks it sent', async () => {
    const { store, notifier, send } = aSender();
    expect(await send.execute()).toBe(2);
    expect(notifier.sent.map((message) => [message.id, message.channel, message.recipient])).toEqual([
      ['sign-in-method-n-email', 'email', 'ada@mail.example'],
      ['sign-in-method-n-sms', 'sms', '+447700900123'],
    ]);
    expect(store.unsentIds()).toEqual([]);
    expect(await send.execute()).toBe(0);
  });

  it('keeps a refused notice for after its lease, sends the same message then, and logs no recipient', async () => {
    const { store, notifier, clock, warnings, send } = aSender();
    notifier.refuse((message) =>
      message.channel === 'sms' ? new Error('to +447700900123: refused') : undefined,
    );
    await send.execute();
    expect(store.unsentIds()).toEqual(['n-sms']);
    expect(JSON.stringify(warnings)).not.toContain('+447700900123');
    expect(warnings).toEqual([expect.objectContaining({ noticeId: 'n-sms' })]);

    notifier.refuse(() => undefined);
    expect(await send.execute()).toBe(0);
    clock.advance(60_000);
    expect(await send.execute()).toBe(1);
    expect(notifier.sentTo('+447700900123').map((message) => message.id)).toEqual(['sign-in-method-n-sms']);
    expect(store.unsentIds()).toEqual([]);
  });
});
