import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BackgroundLoop, batchOutcome, CLOCK, type Clock } from '@rekey/background';
import { SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import { SIGN_IN_STORE, type SignInStore } from './sign-in-store.port';

const CHUNK = 1_000;

/**
 * Every anonymous visit to /sign-in leaves an attempt row, and every sign-in a session: once
 * expired they are deleted, in chunks, every minute (every replica; the deletes are idempotent).
 */
@Injectable()
export class SignInUpkeep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: BackgroundLoop;

  constructor(
    @Inject(SIGN_IN_STORE) private readonly store: SignInStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    this.loop = new BackgroundLoop({
      name: 'sign-in upkeep',
      intervalMs: 60_000,
      log: { warn: (message, fields) => logger.warn(fields, message) },
      tick: async () => {
        const deleted = await this.store.deleteExpired(this.clock.now(), CHUNK);
        return batchOutcome(deleted, CHUNK);
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
