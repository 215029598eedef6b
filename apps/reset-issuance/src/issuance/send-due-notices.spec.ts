import { randomUUID } from 'node:crypto';
import { RecordingNotifier } from '@rekey/notifications/testing';
import { FakeNoticeStore } from '../testing';
import type { IssuanceSettings, SchedulerLog } from './issuance-settings';
import { SendDueNotices } from './send-due-notices';

const start = new Date('2026-12-18T09:00:00Z');
let current = start;
const clock = { now: () => current, newId: () => randomUUID() };
const later = (seconds: number) => (current = new Date(start.getTime() + seconds * 1000));
const settings = {
  RESET_BASE_URL: 'https://reset.example.test',
  ISSUANCE_BATCH_SIZE: 10,
  SEND_CONCURRENCY: 2,
  DELIVERY_LEASE_SECONDS: 120,
} as IssuanceSettings;

class RecordingLog implements SchedulerLog {
  readonly lines: string[] = [];
  warn(fields: object, message: string): void {
    this.lines.push(JSON.stringify({ ...fields, message }));
  }
  info(fields: object, message: string): void {
    this.lines.push(JSON.stringify({ ...fields, message }));
  }
}

function storeWithNotice(journeyStatus: 'awaiting_issue' | 'redeemed', kind: 'advance_notice' | 'reminder') {
  const store = new FakeNoticeStore();
  const journeyId = randomUUID();
  store.addJourney({
    journeyId,
    waveId: randomUUID(),
    legacyAccountId: 'legacy-1',
    status: journeyStatus,
    startsAt: new Date(start.getTime() + 3_600_000),
    cutoffAt: new Date(start.getTime() + 7 * 24 * 3_600_000),
    contacts: [{ kind: 'email', value: 'jane@example.com' }],
  });
  const noticeId = randomUUID();
  store.addNotice({ id: noticeId, kind, journeyId, dueAt: start });
  return { store, noticeId };
}

beforeEach(() => {
  current = start;
});

describe('sending due notices', () => {
  it('sends a due notice once and stores its notice-sent event with the mark', async () => {
    const { store, noticeId } = storeWithNotice('awaiting_issue', 'advance_notice');
    const notifier = new RecordingNotifier();
    const send = new SendDueNotices(store, notifier, clock, settings, new RecordingLog());

    expect(await send.execute()).toBe(1);
    later(600);
    expect(await send.execute()).toBe(0);

    expect(notifier.sentTo('jane@example.com')).toHaveLength(1);
    // Stable per notice, so a retry after a crash replaces the first copy instead of adding one.
    expect(notifier.sentTo('jane@example.com')[0]?.id).toBe(`notice-advance_notice-${noticeId}`);
    expect(store.notices[0]).toMatchObject({ id: noticeId, status: 'sent', channelKind: 'email' });
    expect(store.events).toEqual([
      expect.objectContaining({
        type: 'rekey.reset.notice-sent.v1',
        data: expect.objectContaining({ noticeId }),
      }),
    ]);
  });

  it('skips a reminder to a customer who already used the link, sending nothing', async () => {
    const { store } = storeWithNotice('redeemed', 'reminder');
    const notifier = new RecordingNotifier();

    await new SendDueNotices(store, notifier, clock, settings, new RecordingLog()).execute();

    expect(notifier.sent).toEqual([]);
    expect(store.notices[0]?.status).toBe('skipped');
    expect(store.events).toEqual([]);
  });

  it('retries a notice the notifier refused once its lease has run out, and logs no contact', async () => {
    const { store } = storeWithNotice('awaiting_issue', 'advance_notice');
    const notifier = new RecordingNotifier().refuse(() => new Error('mailbox unavailable'));
    const log = new RecordingLog();
    const send = new SendDueNotices(store, notifier, clock, settings, log);

    await send.execute();
    expect(store.notices[0]?.status).toBe('pending');
    expect(await send.execute()).toBe(0);
    notifier.refuse(() => undefined);
    later(121);
    await send.execute();

    expect(store.notices[0]?.status).toBe('sent');
    expect(log.lines).toHaveLength(1);
    expect(log.lines.join('\n')).not.toContain('jane@example.com');
  });
});
