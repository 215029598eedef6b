import { randomUUID } from 'node:crypto';
import type { Delivery, Notifier, OutgoingMessage } from '@rekey/notifications';
import { FakeIssuanceStore, testTokenSealer } from '../testing';
import { hashResetToken } from '../tokens/domain/reset-token';
import { DeliverLinks } from './deliver-links';
import type { IssuanceSettings, SchedulerLog } from './issuance-settings';
import { IssueWaveLinks } from './issue-wave-links';
import { ResendUndeliveredLinks } from './resend-undelivered-links';

const start = new Date('2026-12-18T09:00:00Z');
let current = start;
const clock = { now: () => current, newId: () => randomUUID() };
const later = (seconds: number) => (current = new Date(start.getTime() + seconds * 1000));
const settings = {
  RESET_BASE_URL: 'https://reset.example.test',
  ISSUANCE_BATCH_SIZE: 10,
  SEND_CONCURRENCY: 4,
  DELIVERY_LEASE_SECONDS: 120,
  DELIVERY_MAX_IN_FLIGHT: 8,
  REISSUE_COOLDOWN_SECONDS: 300,
  SCHEDULER_TICK_MS: 1000,
} satisfies IssuanceSettings;
const log: SchedulerLog & { warnings: string[] } = {
  warnings: [],
  warn(_fields, message) {
    this.warnings.push(message);
  },
  info: () => undefined,
};
const waveId = randomUUID();

/** Hands every message over, then, while `dying`, fails as a sender killed before its record would. */
class HandedOverThenDied implements Notifier {
  readonly handedOver: OutgoingMessage[] = [];
  dying = true;
  async send(message: OutgoingMessage): Promise<Delivery> {
    this.handedOver.push(message);
    if (this.dying) throw Object.assign(new Error('killed'), { code: 'EKILLED' });
    return { messageId: message.id, transport: 'test' };
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

function storeWithWave(accounts: number): FakeIssuanceStore {
  const store = new FakeIssuanceStore();
  store.addLaunchedWave({
    id: waveId,
    startsAt: start,
    cutoffAt: new Date(start.getTime() + 7 * 24 * 3_600_000),
    pacePerSecond: 1000,
    linkLifetimeMinutes: 30,
  });
  for (let index = 1; index <= accounts; index += 1) {
    store.addAccount(`legacy-${index}`, [{ kind: 'email', value: `jane${index}@example.com` }]);
    store.addJourney(randomUUID(), waveId, `legacy-${index}`);
  }
  return store;
}

const tokenOf = (message: OutgoingMessage) => /#t=([A-Za-z0-9_-]{43})/.exec(message.text)?.[1];

beforeEach(() => {
  current = start;
  log.warnings.length = 0;
});

describe('links whose sender died after handing them over', () => {
  it('are sent again after the lease with the same token and Message-ID, and nothing is superseded', async () => {
    const store = storeWithWave(3);
    const sealer = testTokenSealer();
    const notifier = new HandedOverThenDied();
    const deliver = new DeliverLinks(store, notifier, clock, settings, log);
    const resend = new ResendUndeliveredLinks(store, clock, settings, sealer, log);
    await deliver.execute(
      await new IssueWaveLinks(store, clock, settings, sealer).execute({ waveId, cause: null }),
    );
    const first = [...notifier.handedOver];
    expect(first).toHaveLength(3);

    later(60);
    expect(await resend.execute()).toEqual([]);
    later(121);
    notifier.dying = false;
    expect(await deliver.execute(await resend.execute())).toBe(3);

    const second = notifier.handedOver.slice(3);
    for (const message of second) {
      const original = first.find((candidate) => candidate.recipient === message.recipient)!;
      expect(message.id).toBe(original.id);
      expect(tokenOf(message)).toBe(tokenOf(original));
    }
    expect(store.tokens.map((token) => token.status)).toEqual(['live', 'live', 'live']);
    for (const token of store.tokens) {
      const sent = second.find((message) =>
        message.recipient.startsWith(`jane${token.legacyAccountId.slice(7)}@`),
      )!;
      expect(hashResetToken(tokenOf(sent)!)).toEqual(Buffer.from(token.tokenHash));
      expect(token.deliveredAt).toEqual(current);
      expect(token.sealedToken).toBeUndefined();
    }
    expect(store.events.filter((event) => event.type === 'rekey.reset.token-issued.v1')).toHaveLength(3);
  });

  it('get new links, superseding them, when their sealed copies do not open (the key changed)', async () => {
    const store = storeWithWave(2);
    const notifier = new HandedOverThenDied();
    const deliver = new DeliverLinks(store, notifier, clock, settings, log);
    const issued = await new IssueWaveLinks(store, clock, settings, testTokenSealer()).execute({
      waveId,
      cause: null,
    });
    await deliver.execute(issued);
    const resend = new ResendUndeliveredLinks(store, clock, settings, testTokenSealer(), log);

    later(121);
    expect(await resend.execute()).toEqual([]);
    expect(log.warnings).toContainEqual(expect.stringContaining('did not open'));
    later(242);
    notifier.dying = false;
    const replacements = await resend.execute();
    await deliver.execute(replacements);

    expect(replacements.map((link) => link.issuance.id).sort()).not.toEqual(
      issued.map((link) => link.issuance.id).sort(),
    );
    expect(store.tokens.map((token) => token.status).sort()).toEqual([
      'live',
      'live',
      'superseded',
      'superseded',
    ]);
    expect(JSON.stringify(log.warnings)).not.toContain(issued[0]!.token);
  });
});
