import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BackgroundLoop, batchOutcome, CLOCK, type Clock } from '@rekey/background';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import { bridgeExpiredEvent } from './domain/bridge-expired-event';
import type { SignInConfig } from './sign-in.environment';
import { SIGN_IN_STORE, type SignInStore } from './sign-in-store.port';

const BATCH = 200;

/**
 * Downstream consumers and the audit learn of a bridge's end when it ends, not when (or if) the
 * customer next tries the password: every BRIDGE_EXPIRY_SWEEP_INTERVAL_MS, password-only accounts
 * past their end get bridge-expired, in batches, through the sign-in path's once-per-account mark.
 */
@Injectable()
export class BridgeExpirySweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: BackgroundLoop;

  constructor(
    @Inject(SIGN_IN_STORE) private readonly store: SignInStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: SignInConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    this.loop = new BackgroundLoop({
      name: 'bridge expiry sweep',
      intervalMs: config.BRIDGE_EXPIRY_SWEEP_INTERVAL_MS,
      log: { warn: (message, fields) => logger.warn(fields, message) },
      tick: async () => {
        const swept = await this.store.recordEndedBridges(this.clock.now(), BATCH, (bridge) =>
          bridgeExpiredEvent(bridge, () => this.clock.now()),
        );
        return batchOutcome(swept, BATCH);
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
