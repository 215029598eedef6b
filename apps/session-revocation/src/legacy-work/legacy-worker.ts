import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BackgroundLoop, batchOutcome } from '@rekey/background';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import { RunDueHoldActions } from '../holds/run-due-hold-actions';
import type { CircuitBreaker } from '../legacy-system/domain/circuit-breaker';
import { LEGACY_CIRCUIT } from '../legacy-system/legacy-circuit';
import type { RevocationsConfig } from '../revocations/revocations.environment';
import { RunDueRevocations } from '../revocations/run-due-revocations';

/**
 * The one durable worker that talks to the legacy system: due holds first (a suspension should
 * not wait behind a wave's revocations), then due revocations and their stalled alerts. Every
 * replica runs one; leases keep them from taking the same row.
 */
@Injectable()
export class LegacyWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: BackgroundLoop;

  constructor(
    private readonly holds: RunDueHoldActions,
    private readonly revocations: RunDueRevocations,
    @Inject(LEGACY_CIRCUIT) breaker: CircuitBreaker,
    @Inject(SERVICE_CONFIG) config: RevocationsConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    this.loop = new BackgroundLoop({
      name: 'legacy revocation worker',
      intervalMs: config.REVOCATION_POLL_INTERVAL_MS,
      runAtStart: true,
      log: { warn: (message, fields) => logger.warn(fields, message) },
      // While the circuit is open, look again when it half-opens rather than every interval.
      idleIntervalMs: () => Math.max(config.REVOCATION_POLL_INTERVAL_MS, breaker.msUntilAllowed()),
      tick: async (signal) => {
        const held = await this.holds.execute(signal);
        const revoked = await this.revocations.execute(signal);
        return batchOutcome(Math.max(held, revoked), config.REVOCATION_BATCH_SIZE);
      },
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
