import { randomUUID } from 'node:crypto';
import { Topics } from '@rekey/contracts';
import { eventually, readAllMessages } from '@rekey/testing';
import { DataSource } from 'typeorm';
import { PgSignInStore } from '../sign-in/adapters/pg-sign-in-store.adapter';
import { bridgeExpiredEvent } from '../sign-in/domain/bridge-expired-event';
import { outboxEvents, startEnrollment, type EnrollmentUnderTest } from './enrollment.fixture';
import {
  addPasskeyFromAccount,
  BRIDGE_PASSWORD,
  enrolledBridgePassword,
  enrolledTotpAndPassword,
  SignInBrowser,
} from './sign-in.fixture';

const BRIDGE_EXPIRED = 'rekey.enrollment.bridge-expired.v1';
const SWEEP_MS = 200;

describe('the bridge-expiry sweep, on PostgreSQL and Kafka', () => {
  let enrollment: EnrollmentUnderTest;

  beforeAll(async () => {
    enrollment = await startEnrollment('enrollment_bridge_sweep', {
      TRUST_PROXY: '1',
      BRIDGE_EXPIRY_SWEEP_INTERVAL_MS: String(SWEEP_MS),
    });
  }, 120_000);

  afterAll(async () => {
    await enrollment?.stop();
  });

  const endBridge = (legacyAccountId: string) =>
    enrollment.db.query(
      `UPDATE password_credential SET bridge_ends_at = now() - interval '1 hour' WHERE legacy_account_id = $1`,
      [legacyAccountId],
    );
  const expiredOnKafka = async (legacyAccountId: string) =>
    (await readAllMessages(enrollment.kafka.topicPrefix, [Topics.enrollment])).filter(
      (message) => message.key === legacyAccountId && message.text.includes(BRIDGE_EXPIRED),
    );
  const expiredInOutbox = async (legacyAccountId: string) =>
    (await outboxEvents(enrollment.db, legacyAccountId)).filter((event) => event.type === BRIDGE_EXPIRED);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('publishes one bridge-expired per password-only account without a sign-in, none on a later sign-in, none for TOTP or passkey accounts', async () => {
    const bridgeOnly = await enrolledBridgePassword(enrollment);
    const { journey: withTotp } = await enrolledTotpAndPassword(enrollment);
    const withPasskey = await enrolledBridgePassword(enrollment);
    const browser = new SignInBrowser(enrollment);
    await browser.open();
    expect((await browser.signInWithPassword(withPasskey.targetAccountId, BRIDGE_PASSWORD)).status).toBe(303);
    await addPasskeyFromAccount(browser, enrollment.origin);

    for (const account of [bridgeOnly, withTotp, withPasskey]) await endBridge(account.legacyAccountId);

    await eventually(async () =>
      (await expiredOnKafka(bridgeOnly.legacyAccountId)).length === 1 ? true : undefined,
    );
    const [event] = await expiredInOutbox(bridgeOnly.legacyAccountId);
    expect(event?.data).toMatchObject({
      legacyAccountId: bridgeOnly.legacyAccountId,
      targetAccountId: bridgeOnly.targetAccountId,
    });

    // The customer tries afterwards: refused as ended, and the sweep's mark stops a second event.
    const late = new SignInBrowser(enrollment);
    await late.open();
    const refused = await late.signInWithPassword(bridgeOnly.targetAccountId, BRIDGE_PASSWORD);
    expect(refused.status).toBe(403);
    await pause(SWEEP_MS * 5);
    expect(await expiredInOutbox(bridgeOnly.legacyAccountId)).toHaveLength(1);
    expect(await expiredOnKafka(bridgeOnly.legacyAccountId)).toHaveLength(1);
    expect(await expiredInOutbox(withTotp.legacyAccountId)).toEqual([]);
    expect(await expiredInOutbox(withPasskey.legacyAccountId)).toEqual([]);
  }, 120_000);

  it('records each account once when several sweeps run at the same time', async () => {
    const accounts = Array.from({ length: 30 }, () => `sweep-${randomUUID()}`);
    for (const legacyAccountId of accounts) {
      await enrollment.db.query(
        `INSERT INTO migrated_account (legacy_account_id, target_account_id, wave_id, journey_id, methods,
           assurance_level, phishing_resistant, enrolled_at)
         VALUES ($1, $1 || '-target', $2, $3, '{password}', 'aal1', false, now())`,
        [legacyAccountId, randomUUID(), randomUUID()],
      );
      await enrollment.db.query(
        `INSERT INTO password_credential (legacy_account_id, password_hash, bridge_ends_at, created_at, updated_at)
         VALUES ($1, 'not-a-hash', now() - interval '1 minute', now(), now())`,
        [legacyAccountId],
      );
    }
    // Three replicas' worth: the running service's loop and two more stores on their own connections.
    const dataSource = enrollment.service.app.get(DataSource);
    const sweepers = [new PgSignInStore(dataSource), new PgSignInStore(dataSource)];
    await Promise.all(
      sweepers.map((store) =>
        store.recordEndedBridges(new Date(), 7, (bridge) => bridgeExpiredEvent(bridge, () => new Date())),
      ),
    );
    await eventually(async () => {
      const counts = await Promise.all(accounts.map(async (id) => (await expiredInOutbox(id)).length));
      return counts.every((count) => count === 1) ? true : undefined;
    });
    await pause(SWEEP_MS * 3);
    for (const legacyAccountId of accounts) expect(await expiredInOutbox(legacyAccountId)).toHaveLength(1);
  }, 60_000);
});
