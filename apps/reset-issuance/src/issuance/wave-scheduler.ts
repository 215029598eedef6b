import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BackgroundLoop } from '@rekey/background';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { IssuanceConfig } from './issuance.environment';
import { LaunchRequestedWaves } from '../waves/launch-requested-waves';
import { DeliverLinks } from './deliver-links';
import type { DeliverableLink } from './domain/issuance';
import { ExpireLinks } from './expire-links';
import { SCHEDULER_LOG, type IssuanceSettings, type SchedulerLog } from './issuance-settings';
import { IssueWaveLinks } from './issue-wave-links';
import { ProcessReissueRequests } from './process-reissue-requests';
import { ResendUndeliveredLinks } from './resend-undelivered-links';
import { SendDueNotices } from './send-due-notices';

/** Batches of links being sent while the next batch is issued; more would only queue on the transport. */
const DELIVERIES_IN_FLIGHT = 3;
/**
 * Transactions issuing one wave's links at once: while one waits on the database another prepares
 * its tokens, so the machine is not left idle between them. They share the wave's pace.
 */
const WAVE_ISSUERS = 2;
/** After a failed pass: from about a second, doubling, up to half a minute (with full jitter). */
const FAILURE_BACKOFF = { initialDelayMs: 1_000, maxDelayMs: 30_000 };

/** What one pass did: `busy` when some step had a full batch (more is waiting). */
interface Pass {
  busy: boolean;
  worked: boolean;
}

/**
 * Runs in every replica: launches the waves an operator asked to launch, expires links, replaces
 * undelivered ones, answers re-issue requests, sends due notices and issues waves' links at their
 * pace. Every step claims its rows with SKIP LOCKED in short transactions, so replicas share the
 * work. It loops without pause while there is a full batch of work, and otherwise ticks every
 * SCHEDULER_TICK_MS, on a `BackgroundLoop` (backoff after a failed pass, a span per pass that did
 * work; each step also starts its own root span, linked to the requests that caused it).
 */
@Injectable()
export class WaveScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: BackgroundLoop;
  private readonly deliveries = new Set<Promise<void>>();
  /** When the upkeep steps last ran and found no backlog (performance.now()). */
  private upkeepAt: number | undefined;
  private upkeepSkipped = false;

  constructor(
    private readonly launches: LaunchRequestedWaves,
    private readonly expireLinks: ExpireLinks,
    private readonly resendUndelivered: ResendUndeliveredLinks,
    private readonly reissueRequests: ProcessReissueRequests,
    private readonly dueNotices: SendDueNotices,
    private readonly waveLinks: IssueWaveLinks,
    private readonly deliverLinks: DeliverLinks,
    @Inject(SERVICE_CONFIG)
    private readonly settings: IssuanceSettings & Partial<Pick<IssuanceConfig, 'SCHEDULER_ENABLED'>>,
    @Inject(SCHEDULER_LOG) private readonly log: SchedulerLog,
  ) {
    this.loop = new BackgroundLoop({
      name: 'wave scheduler step',
      intervalMs: settings.SCHEDULER_TICK_MS,
      runAtStart: true,
      backoff: FAILURE_BACKOFF,
      log: { warn: (message, fields) => log.warn(fields, message) },
      tick: async () => {
        const pass = await this.pass();
        return pass.busy ? 'more' : pass.worked ? 'worked' : 'idle';
      },
    });
  }

  onApplicationBootstrap(): void {
    if (this.settings.SCHEDULER_ENABLED !== false) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    this.loop.start();
  }

  /** Finishes the step in hand and the sends under way, so committed links get delivered. */
  async stop(): Promise<void> {
    await this.loop.stop();
    await this.settle();
  }

  /** Ticks until no work is left at this moment, then waits for the sends: for tests and tools. */
  async runUntilIdle(): Promise<void> {
    this.upkeepAt = undefined;
    for (;;) {
      if (await this.tick()) continue;
      // Idle only once the upkeep steps have also run and found nothing.
      if (!this.upkeepSkipped) break;
      this.upkeepAt = undefined;
    }
    await this.settle();
  }

  /** One pass over every kind of work; true when some step had a full batch (more is waiting). */
  async tick(): Promise<boolean> {
    return (await this.pass()).busy;
  }

  private async pass(): Promise<Pass> {
    const batch = this.settings.ISSUANCE_BATCH_SIZE;
    const pass: Pass = { busy: false, worked: false };
    this.upkeepSkipped = !this.upkeepDue();
    if (!this.upkeepSkipped) {
      const upkeep = await this.upkeep(batch);
      // A step with a full batch has a backlog of its own: it runs again on the next tick.
      this.upkeepAt = upkeep.busy ? undefined : performance.now();
      pass.busy = upkeep.busy;
      pass.worked = upkeep.worked;
    }
    for (const wave of await this.waveLinks.wavesIssuing()) {
      const issued = await Promise.all(
        Array.from({ length: WAVE_ISSUERS }, async () => {
          const links = await this.waveLinks.execute(wave);
          await this.deliver(links);
          return links.length;
        }),
      );
      pass.busy ||= issued.some((count) => count >= batch);
      pass.worked ||= issued.some((count) => count > 0);
    }
    return pass;
  }

  /** Launches, expiry, replacements, re-issue requests and notices, and whether one had a full batch. */
  private async upkeep(batch: number): Promise<Pass> {
    // A launch just taken up brings its wave's notices, and its links once it starts.
    const launched = await this.launches.execute();
    const expired = await this.expireLinks.execute();
    const replacements = await this.resendUndelivered.execute();
    await this.deliver(replacements);
    const reissued = await this.reissueRequests.execute();
    await this.deliver(reissued.links);
    const notices = await this.dueNotices.execute();
    return {
      busy:
        launched > 0 ||
        expired >= batch ||
        replacements.length >= batch ||
        reissued.requests >= batch ||
        notices >= batch,
      worked:
        launched + expired + replacements.length + reissued.requests + reissued.links.length + notices > 0,
    };
  }

  /**
   * While a wave has a backlog the scheduler loops without pause; the upkeep steps need not run
   * more often than an idle scheduler would run them, once per tick interval, and each of their
   * queries costs the database as much as a batch of links does.
   */
  private upkeepDue(): boolean {
    return (
      this.upkeepAt === undefined || performance.now() - this.upkeepAt >= this.settings.SCHEDULER_TICK_MS
    );
  }

  /** Starts sending a committed batch; waits only when enough batches are already being sent. */
  private async deliver(links: DeliverableLink[]): Promise<void> {
    if (links.length === 0) return;
    const delivery: Promise<void> = this.deliverLinks.execute(links).then(
      () => undefined,
      (error: unknown) =>
        this.log.warn(
          { error: (error as Error).message },
          'recording deliveries failed; the lease will resend',
        ),
    );
    this.deliveries.add(delivery);
    void delivery.finally(() => this.deliveries.delete(delivery));
    if (this.deliveries.size >= DELIVERIES_IN_FLIGHT) await Promise.race(this.deliveries);
  }

  private async settle(): Promise<void> {
    while (this.deliveries.size > 0) await Promise.all(this.deliveries);
  }
}
