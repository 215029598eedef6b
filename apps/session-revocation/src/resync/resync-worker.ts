import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BackgroundLoop, batchOutcome } from '@rekey/background';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import type { ResyncConfig } from './resync.environment';
import { RunDueResyncs } from './run-due-resyncs';

/**
 * Re-sync runs in their own loop: a wave's comparison is long and should never hold up the
 * revocations and holds of the legacy worker. Both share the one circuit breaker.
 */
@Injectable()
export class ResyncWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: BackgroundLoop;

  constructor(
    resyncs: RunDueResyncs,
    @Inject(SERVICE_CONFIG) config: ResyncConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    this.loop = new BackgroundLoop({
      name: 'legacy re-sync worker',
      intervalMs: config.RESYNC_POLL_INTERVAL_MS,
      runAtStart: true,
      log: { warn: (message, fields) => logger.warn(fields, message) },
      // An idle service leaves no span per interval: the use case traces the runs it works.
      traceTicks: false,
      tick: async (signal) => batchOutcome(await resyncs.execute(signal), config.RESYNC_BATCH_SIZE),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
