import { randomUUID } from 'node:crypto';
import { SettableClock } from '@rekey/background/testing';
import { ResetWaveLaunchedV1 } from '@rekey/contracts';
import type { DataSource } from 'typeorm';
import { RecordingNotifier } from '@rekey/notifications/testing';
import { TypeormWaveStore } from '../waves/adapters/typeorm-wave-store.adapter';
import { requestLaunch, type Wave } from '../waves/domain/wave';
import { WaveNotPlanned } from '../waves/domain/wave.errors';
import { LaunchRequestedWaves } from '../waves/launch-requested-waves';
import { LaunchWave } from '../waves/launch-wave';
import { RequestWaveLaunch } from '../waves/request-wave-launch';
import {
  buildScheduler,
  operator,
  outboxEvents,
  planWaveOver,
  RecordingLog,
  scratchDatabase,
  seedAccounts,
  testSettings,
} from './issuance-fixture';

async function journeysOf(dataSource: DataSource, waveId: string): Promise<number> {
  const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM journey WHERE wave_id = $1`, [waveId]);
  return (row as { n: number }).n;
}

async function launchedEventsOf(dataSource: DataSource, waveId: string) {
  return (await outboxEvents(dataSource, ResetWaveLaunchedV1.type)).filter((event) => event.key === waveId);
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('launching a wave', () => {
  let dataSource: DataSource;
  const clock = new SettableClock(new Date());
  const settings = testSettings();

  beforeAll(async () => {
    ({ dataSource } = await scratchDatabase('wave_launch'));
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const useCases = () => {
    const waves = new TypeormWaveStore(dataSource);
    const log = new RecordingLog();
    const launches = new LaunchRequestedWaves(waves, new LaunchWave(waves, clock, settings), log);
    return { waves, request: new RequestWaveLaunch(waves, clock, launches, log) };
  };

  it('answers the request at once, then snapshots the cohort in the background, once', async () => {
    const accounts = await seedAccounts(dataSource, `l${randomUUID().slice(0, 6)}`, 40);
    const planned = await planWaveOver(dataSource, clock, [...accounts, 'nobody-with-a-link']);
    const { waves, request } = useCases();

    const requested = await request.execute(planned.id, operator);
    expect(requested).toMatchObject({ status: 'launching', launchedBy: operator });
    expect(requested.snapshot).toBeUndefined();
    await expect(request.execute(planned.id, operator)).rejects.toThrow(WaveNotPlanned);

    const launched = await until(async () => {
      const wave = await waves.find(planned.id);
      return wave?.status === 'launched' ? wave : undefined;
    });
    expect(launched).toMatchObject({
      launchedBy: operator,
      launchRequestedAt: requested.launchRequestedAt,
      snapshot: { accountCount: 40, skippedInOpenJourney: 0, notEligible: 1 },
    });
    expect(await journeysOf(dataSource, planned.id)).toBe(40);
    const events = await launchedEventsOf(dataSource, planned.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ accountCount: 40, launchedBy: operator });
  });

  it('leaves a wave another replica is snapshotting to it, without waiting for its lock', async () => {
    const accounts = await seedAccounts(dataSource, `s${randomUUID().slice(0, 6)}`, 10);
    const planned = await planWaveOver(dataSource, clock, accounts);
    const waves = new TypeormWaveStore(dataSource);
    await waves.requestLaunch(planned.id, (wave: Wave) => requestLaunch(wave, operator, clock.now()));
    const launchWave = new LaunchWave(waves, clock, settings);

    const otherReplica = dataSource.createQueryRunner();
    await otherReplica.connect();
    try {
      await otherReplica.startTransaction();
      await otherReplica.query(`SELECT id FROM wave WHERE id = $1 FOR UPDATE`, [planned.id]);
      const startedAt = performance.now();
      expect(await launchWave.execute(planned.id)).toBeUndefined();
      expect(performance.now() - startedAt).toBeLessThan(2_000);
      // Its replica died: the lock goes with its connection, and the next pass launches the wave.
      await otherReplica.rollbackTransaction();
    } finally {
      await otherReplica.release();
    }
    expect((await launchWave.execute(planned.id))?.snapshot.accountCount).toBe(10);
    expect(await launchWave.execute(planned.id)).toBeUndefined();
  });

  it('launches the other waves when one cannot be, and keeps that one for the next pass', async () => {
    const waves = new TypeormWaveStore(dataSource);
    const asked = async (accounts: string[]) => {
      const planned = await planWaveOver(dataSource, clock, accounts);
      await waves.requestLaunch(planned.id, (wave: Wave) => requestLaunch(wave, operator, clock.now()));
      return planned.id;
    };
    const broken = await asked(await seedAccounts(dataSource, `b${randomUUID().slice(0, 6)}`, 5));
    // A cohort no snapshot can read: the statement fails, as a lost connection would.
    await dataSource.query(
      `UPDATE wave SET cohort = jsonb_set(cohort, '{accountListId}', '"not-a-list-id"') WHERE id = $1`,
      [broken],
    );
    const good = await asked(await seedAccounts(dataSource, `g${randomUUID().slice(0, 6)}`, 5));
    const log = new RecordingLog();
    const launches = new LaunchRequestedWaves(waves, new LaunchWave(waves, clock, settings), log);

    expect(await launches.execute()).toBe(1);
    expect((await waves.find(good))?.status).toBe('launched');
    expect((await waves.find(broken))?.status).toBe('launching');
    expect(await journeysOf(dataSource, broken)).toBe(0);
    const failures = log.lines
      .map((line) => JSON.parse(line) as { waveId: string; message: string })
      .filter((line) => line.message !== 'wave launched');
    expect(failures).toEqual([
      expect.objectContaining({ waveId: broken, message: 'wave launch failed; trying again later' }),
    ]);
    await dataSource.query(`UPDATE wave SET status = 'cancelled' WHERE id = $1`, [broken]);
  });

  it('takes up a launch that was asked for but never done, in whichever replica ticks first, once', async () => {
    const run = `c${randomUUID().slice(0, 6)}`;
    const accounts = await seedAccounts(dataSource, run, 30);
    const planned = await planWaveOver(dataSource, clock, accounts);
    // The request committed, then its replica died before the snapshot began.
    const waves = new TypeormWaveStore(dataSource);
    await waves.requestLaunch(planned.id, (wave: Wave) => requestLaunch(wave, operator, clock.now()));

    const notifier = new RecordingNotifier();
    const replicas = [1, 2].map(() => buildScheduler(dataSource, notifier, clock, settings));
    await Promise.all(replicas.map((replica) => replica.runUntilIdle()));

    expect((await waves.find(planned.id))?.status).toBe('launched');
    expect(await journeysOf(dataSource, planned.id)).toBe(30);
    expect(await launchedEventsOf(dataSource, planned.id)).toHaveLength(1);
    // Each account got its notice and its link, once.
    const recipients = notifier.sent
      .map((message) => message.recipient)
      .filter((address) => address.startsWith(`${run}-`));
    expect(recipients).toHaveLength(60);
    expect(new Set(recipients).size).toBe(30);
  });
});
