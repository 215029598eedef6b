import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BackgroundLoop } from '@rekey/background';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import type { NoticesConfig } from './notices.environment';
import { SendSignInMethodNotices } from './send-sign-in-method-notices';

/** Runs the notice sender on a `BackgroundLoop`: a failed batch is logged and retried after a backoff. */
@Injectable()
export class NoticeSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: BackgroundLoop;

  constructor(
    send: SendSignInMethodNotices,
    @Inject(SERVICE_CONFIG) config: NoticesConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    this.loop = new BackgroundLoop({
      name: 'sign-in method notices',
      intervalMs: config.NOTICE_POLL_INTERVAL_MS,
      log: { warn: (message, fields) => logger.warn(fields, message) },
      tick: async () => {
        const claimed = await send.execute();
        if (claimed === 0) return 'idle';
        return claimed >= config.NOTICE_BATCH_SIZE ? 'more' : 'worked';
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
