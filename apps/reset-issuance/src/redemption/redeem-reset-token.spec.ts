import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { RecordingNotifier } from '@rekey/notifications/testing';
import type { Logger } from 'pino';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';
import { IssueEnrollmentGrant } from '../grants/issue-enrollment-grant';
import { RateLimiter } from '../rate-limits/rate-limiter';
import { StartStepUp } from '../step-up/start-step-up';
import { FakeRateLimitCounter, FakeRedemptionStore } from '../testing';
import { hashResetCode, resetCodeOf } from '../tokens/domain/reset-code';
import { generateResetToken, hashResetToken } from '../tokens/domain/reset-token';
import type { WaveEnrolmentPolicy } from '../waves/domain/enrolment-policy';
import { RedeemResetToken } from './redeem-reset-token';

const now = new Date('2026-12-18T09:00:30Z');
const clock = { now: () => now, newId: () => randomUUID() };
const config = {
  RATE_LIMIT_WINDOW_SECONDS: 60,
  RATE_LIMIT_GLOBAL_SHARDS: 1,
  REDEEM_LIMIT_PER_IP: 100,
  REDEEM_LIMIT_PER_SUBNET: 100,
  REDEEM_LIMIT_PER_ACCOUNT: 5,
  REDEEM_LIMIT_GLOBAL: 100,
  REQUEST_LINK_LIMIT_PER_IP: 100,
  REQUEST_LINK_LIMIT_PER_SUBNET: 100,
  REQUEST_LINK_LIMIT_GLOBAL: 100,
  STEP_UP_LIMIT_PER_IP: 100,
  STEP_UP_LIMIT_PER_SUBNET: 100,
  STEP_UP_LIMIT_PER_ACCOUNT: 5,
  STEP_UP_LIMIT_GLOBAL: 100,
  STEP_UP_MAX_ATTEMPTS: 5,
  STEP_UP_CODE_LIFETIME_MINUTES: 10,
  ENROLLMENT_URL: 'https://enroll.example.test',
  ENROLLMENT_GRANT_LIFETIME_SECONDS: 300,
} as CustomerJourneyConfig;
const client = { ipAddress: '203.0.113.7' };
const silent = { info: () => undefined, error: () => undefined } as unknown as Logger;

function redeemOver(store: FakeRedemptionStore, notifier = new RecordingNotifier()): RedeemResetToken {
  const { privateKey } = generateKeyPairSync('ed25519');
  return new RedeemResetToken(
    store,
    // Redemption counts in its lookup statement: the limiter's own counter is never used here.
    new RateLimiter(new FakeRateLimitCounter(), config, clock),
    new IssueEnrollmentGrant({ privateKey, kid: 'test-key', publicJwk: {} }, config, clock),
    new StartStepUp(Buffer.alloc(32, 7), notifier, config, clock, silent),
    clock,
    silent,
  );
}

function tokenOn(store: FakeRedemptionStore, segments = ['standard'], policy?: WaveEnrolmentPolicy) {
  const token = generateResetToken();
  const legacyAccountId = `legacy-${randomUUID()}`;
  const seeded = { tokenId: randomUUID(), journeyId: randomUUID(), legacyAccountId, waveId: randomUUID() };
  store.addToken({
    ...seeded,
    status: 'live',
    channelKind: 'email',
    fraudFlagged: false,
    targetAccountId: `target-${legacyAccountId}`,
    segments,
    enrolment: {
      wave: { policy, cutoffAt: new Date(now.getTime() + 7 * 86_400_000) },
      account: { segment: segments[0]!, segments },
    },
    verifiedContacts: [
      { kind: 'email', value: 'jane@example.com' },
      { kind: 'sms', value: '+33612345678' },
    ],
    tokenHash: hashResetToken(token),
    codeHash: hashResetCode(resetCodeOf(token)),
    expiresAt: new Date(now.getTime() + 30 * 60_000),
  });
  return { ...seeded, credential: { kind: 'token' as const, hash: hashResetToken(token) } };
}

describe('redeeming a reset link', () => {
  it('spends a live link once, stores its grant and sends the customer to enrollment', async () => {
    const store = new FakeRedemptionStore(clock.now);
    const link = tokenOn(store);
    const redeem = redeemOver(store);

    const outcome = await redeem.execute({ credential: link.credential, client });

    expect(outcome).toEqual({
      kind: 'enroll',
      location: expect.stringMatching(/^https:\/\/enroll\.example\.test\/enroll#grant=/),
    });
    expect(store.tokenStatus(link.tokenId)).toBe('redeemed');
    expect(store.journeyStatuses.get(link.journeyId)).toBe('redeemed');
    expect(store.grants).toEqual([expect.objectContaining({ legacyAccountId: link.legacyAccountId })]);
    expect(store.events.map((event) => event.type)).toEqual(['rekey.reset.token-redeemed.v1']);
  });

  it("gives a standard account's grant AAL1 and a bridge 90 days after the cutoff when its wave has no policy", async () => {
    const store = new FakeRedemptionStore(clock.now);
    const link = tokenOn(store);

    await redeemOver(store).execute({ credential: link.credential, client });

    expect(store.grants[0]?.policy).toEqual({
      minimumAssurance: 'aal1',
      passwordBridgeEndsAt: new Date(now.getTime() + 97 * 86_400_000),
    });
  });

  it("gives the grant what its wave's policy sets for the account's segment", async () => {
    const store = new FakeRedemptionStore(clock.now);
    const bridgeEnd = new Date('2027-02-01T00:00:00Z');
    const link = tokenOn(store, ['standard'], {
      minimumAssurance: { standard: 'aal2' },
      passwordBridgeEndsAt: bridgeEnd,
    });

    await redeemOver(store).execute({ credential: link.credential, client });

    expect(store.grants[0]?.policy).toEqual({ minimumAssurance: 'aal2', passwordBridgeEndsAt: bridgeEnd });
  });

  it('refuses a replay of a spent link, recording an already-used failure', async () => {
    const store = new FakeRedemptionStore(clock.now);
    const link = tokenOn(store);
    const redeem = redeemOver(store);
    await redeem.execute({ credential: link.credential, client });

    expect(await redeem.execute({ credential: link.credential, client })).toEqual({ kind: 'failed' });
    expect(store.events.at(-1)).toMatchObject({
      type: 'rekey.reset.redemption-failed.v1',
      data: { reason: 'already_used', legacyAccountId: link.legacyAccountId },
    });
    expect(store.grants).toHaveLength(1);
  });

  it('spends no link of a held account, and records the hold as the reason', async () => {
    const store = new FakeRedemptionStore(clock.now);
    const link = tokenOn(store);
    store.hold(link.legacyAccountId);

    expect(await redeemOver(store).execute({ credential: link.credential, client })).toEqual({
      kind: 'failed',
    });
    expect(store.tokenStatus(link.tokenId)).toBe('live');
    expect(store.events).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ reason: 'held' }) }),
    ]);
  });

  it('answers an unknown link as a failure naming no account', async () => {
    const store = new FakeRedemptionStore(clock.now);
    const credential = { kind: 'token' as const, hash: hashResetToken(generateResetToken()) };

    expect(await redeemOver(store).execute({ credential, client })).toEqual({ kind: 'failed' });
    expect(store.events).toEqual([expect.objectContaining({ data: { reason: 'unknown', client } })]);
  });

  it('opens a step-up for a privileged account and sends its code to the other channel', async () => {
    const store = new FakeRedemptionStore(clock.now);
    const notifier = new RecordingNotifier();
    const link = tokenOn(store, ['privileged']);

    const outcome = await redeemOver(store, notifier).execute({ credential: link.credential, client });

    expect(outcome).toMatchObject({ kind: 'step_up', maxAgeSeconds: 600 });
    expect(store.journeyStatuses.get(link.journeyId)).toBe('step_up_required');
    expect(store.challenges).toEqual([
      expect.objectContaining({ journeyId: link.journeyId, status: 'pending' }),
    ]);
    expect(store.grants).toEqual([]);
    expect(notifier.sent).toEqual([expect.objectContaining({ channel: 'sms', recipient: '+33612345678' })]);
  });
});
