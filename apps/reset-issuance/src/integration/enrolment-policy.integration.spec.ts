import { Topics } from '@rekey/contracts';
import { KafkajsBrokerClient, type BrokerSubscription } from '@rekey/messaging';
import { readOutboxFolder } from '@rekey/notifications/testing';
import { mintOperatorToken } from '@rekey/operator-auth';
import { ensureLocalStack, eventually } from '@rekey/testing';
import { decodeJwt } from 'jose';
import {
  postForm,
  seedJourney,
  startCustomerJourneyService,
  type CustomerJourneyService,
  type JourneyOptions,
} from './customer-journey.fixture';

const DAY = 86_400_000;
const privileged: JourneyOptions = {
  segments: ['privileged'],
  contacts: [
    { kind: 'email', value: 'admin@example.com' },
    { kind: 'sms', value: '+33612345678' },
  ],
};

/**
 * A wave's enrolment policy from the operator's request to the grant a customer carries to
 * enrollment: planned and read back over HTTP, published on Kafka, and resolved per account
 * when its journey is handed off, after redemption or after step-up.
 */
describe("a wave's enrolment policy", () => {
  let journey: CustomerJourneyService;
  let broker: KafkajsBrokerClient;
  let subscription: BrokerSubscription;
  const published: Array<{ key: string | null; type: string | undefined; data: Record<string, unknown> }> =
    [];
  let headers: Record<string, string>;

  beforeAll(async () => {
    journey = await startCustomerJourneyService('reset_enrolment_policy', {
      ENROLLMENT_URL: 'http://127.0.0.1:3999',
    });
    const stack = await ensureLocalStack();
    broker = new KafkajsBrokerClient({
      brokers: stack.kafkaBrokers,
      clientId: 'enrolment-policy-test',
      topicPrefix: journey.kafka.topicPrefix,
    });
    subscription = await broker.subscribe(
      { groupId: `enrolment-policy-${Date.now()}`, topics: [Topics.reset], fromBeginning: true },
      async (batch, control) => {
        for (const message of batch.messages) {
          published.push({
            key: message.key,
            type: message.headers['ce_type'],
            data: JSON.parse(message.value?.toString('utf8') ?? '{}') as Record<string, unknown>,
          });
        }
        await control.commitThrough(batch.messages[batch.messages.length - 1]!.offset);
      },
    );
    const token = await mintOperatorToken({
      subject: 'alice@example.com',
      scopes: ['waves:write', 'waves:read'],
      ttlSeconds: 300,
    });
    headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  }, 120_000);

  afterAll(async () => {
    await subscription?.stop();
    await broker?.close();
    await journey?.stop();
  });

  const cutoffAt = new Date(Date.now() + 7 * DAY);
  const planned = (enrolmentPolicy?: unknown) => ({
    name: 'policy wave',
    cohort: { segments: ['standard'] },
    noticeAt: new Date(Date.now() + DAY).toISOString(),
    startsAt: new Date(Date.now() + 2 * DAY).toISOString(),
    cutoffAt: cutoffAt.toISOString(),
    pacePerSecond: 10,
    ...(enrolmentPolicy === undefined ? {} : { enrolmentPolicy }),
  });
  const plan = (body: unknown) =>
    fetch(`${journey.url}/operator/waves`, { method: 'POST', headers, body: JSON.stringify(body) });
  const waveCount = async () =>
    (await journey.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM wave`)).rows[0]!.n;

  /** The claims of the grant in a hand-off's Location (`…/enroll#grant=<jwt>`). */
  const grantOf = (response: Response) => {
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toMatch(/\/enroll#grant=/);
    return decodeJwt(new URL(location).hash.replace('#grant=', ''));
  };

  async function stepUp(options: JourneyOptions): Promise<Response> {
    const seeded = await seedJourney(journey.db, options);
    const redeemed = await postForm(journey, '/reset/redeem', { token: seeded.token });
    expect(redeemed.headers.get('location')).toBe('/reset/step-up');
    const cookie = redeemed.headers.get('set-cookie')!.split(';')[0]!;
    const { rows } = await journey.db.query<{ id: string }>(
      `SELECT id FROM step_up_challenge WHERE journey_id = $1`,
      [seeded.journeyId],
    );
    const sent = await eventually(async () =>
      (await readOutboxFolder(journey.notifyDir)).find(({ id }) => id === `step-up-${rows[0]!.id}`),
    );
    const code = /code is (\d{6})/.exec(sent.text)![1]!;
    return postForm(journey, '/reset/step-up', { code }, { cookie });
  }

  it('is planned over HTTP, read back, and published in wave-planned.v1', async () => {
    const policy = {
      minimumAssurance: { standard: 'aal2', privileged: 'aal2' },
      passwordBridgeEndsAt: new Date(cutoffAt.getTime() + 30 * DAY).toISOString(),
    };
    const created = await plan(planned(policy));
    expect(created.status).toBe(201);
    const wave = (await created.json()) as { id: string; enrolmentPolicy: unknown };
    expect(wave.enrolmentPolicy).toEqual(policy);

    const read = await fetch(`${journey.url}/operator/waves/${wave.id}`, { headers });
    expect(((await read.json()) as { enrolmentPolicy: unknown }).enrolmentPolicy).toEqual(policy);

    const event = await eventually(async () =>
      published.find((message) => message.key === wave.id && message.type === 'rekey.reset.wave-planned.v1'),
    );
    expect(event.data['enrolmentPolicy']).toEqual({
      minimumAssurance: policy.minimumAssurance,
      bridgeEndsAt: policy.passwordBridgeEndsAt,
    });
  }, 60_000);

  it('answers a wave without a policy with none, and publishes none', async () => {
    const created = await plan(planned());
    const wave = (await created.json()) as { id: string };
    expect(wave).not.toHaveProperty('enrolmentPolicy');
    const event = await eventually(async () => published.find((message) => message.key === wave.id));
    expect(event.data).not.toHaveProperty('enrolmentPolicy');
  }, 60_000);

  it.each([
    [{ minimumAssurance: { standard: 'aal3' } }, 'enrolmentPolicy.minimumAssurance.standard', 400],
    [{ minimumAssurance: { root: 'aal2' } }, 'enrolmentPolicy.minimumAssurance.root', 400],
    [{ passwordBridgeEndsAt: 'next week' }, 'enrolmentPolicy.passwordBridgeEndsAt', 400],
    [{ bridgeEndsAt: cutoffAt.toISOString() }, 'enrolmentPolicy.bridgeEndsAt', 400],
  ])('refuses the policy %j with problem+json naming %s, planning nothing', async (policy, field, status) => {
    const before = await waveCount();
    const response = await plan(planned(policy));
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { errors: Array<{ field: string }> }).errors).toEqual([
      expect.objectContaining({ field }),
    ]);
    expect(await waveCount()).toBe(before);
  });

  it('refuses a bridge that ends before the cutoff with 422 naming the field, planning nothing', async () => {
    const before = await waveCount();
    const response = await plan(planned({ passwordBridgeEndsAt: new Date(Date.now() + DAY).toISOString() }));
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      code: 'wave.enrolment-policy-invalid',
      detail: 'enrolmentPolicy.passwordBridgeEndsAt must be after cutoffAt',
    });
    expect(await waveCount()).toBe(before);
  });

  describe('in the grant', () => {
    const cutoffOf = async (waveId: string) =>
      (await journey.db.query<{ cutoff_at: Date }>(`SELECT cutoff_at FROM wave WHERE id = $1`, [waveId]))
        .rows[0]!.cutoff_at;
    const defaultBridgeEnd = (cutoff: Date) => Math.floor((cutoff.getTime() + 90 * DAY) / 1000);

    it('gives a standard account of a wave without a policy AAL1 and the default bridge', async () => {
      const seeded = await seedJourney(journey.db);
      const claims = grantOf(await postForm(journey, '/reset/redeem', { token: seeded.token }));
      expect(claims).toMatchObject({
        journeyId: seeded.journeyId,
        minAal: 'aal1',
        bridgeEnd: defaultBridgeEnd(await cutoffOf(seeded.waveId)),
      });
    });

    it('gives a privileged account AAL2 by default once it has stepped up', async () => {
      const claims = grantOf(await stepUp(privileged));
      expect(claims['minAal']).toBe('aal2');
      expect(claims['bridgeEnd']).toBe(defaultBridgeEnd(await cutoffOf(String(claims['waveId']))));
    }, 60_000);

    it('gives the accounts of a wave planned over HTTP what its policy sets, after redemption and step-up', async () => {
      const bridgeEndsAt = new Date(Math.floor((cutoffAt.getTime() + 30 * DAY) / 1000) * 1000);
      const created = await plan(
        planned({ minimumAssurance: { standard: 'aal2' }, passwordBridgeEndsAt: bridgeEndsAt.toISOString() }),
      );
      const { id: waveId } = (await created.json()) as { id: string };

      const standard = await seedJourney(journey.db, { waveId });
      const redeemed = grantOf(await postForm(journey, '/reset/redeem', { token: standard.token }));
      expect(redeemed).toMatchObject({ waveId, minAal: 'aal2', bridgeEnd: bridgeEndsAt.getTime() / 1000 });

      const steppedUp = grantOf(await stepUp({ ...privileged, waveId }));
      expect(steppedUp).toMatchObject({ waveId, minAal: 'aal2', bridgeEnd: bridgeEndsAt.getTime() / 1000 });
    }, 60_000);
  });
});
