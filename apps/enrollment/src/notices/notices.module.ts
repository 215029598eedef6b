import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, systemClock } from '@rekey/background';
import { NOTIFIER, notifierFromConfig, type NotificationsConfig, type Notifier } from '@rekey/notifications';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { PgNoticeStore } from './adapters/pg-notice-store.adapter';
import { NOTICE_STORE } from './notice-store.port';
import { NoticeSender } from './notice-sender';
import { SendSignInMethodNotices } from './send-sign-in-method-notices';

/**
 * Delivers the "a sign-in method was added" notices queued with the enrolments that caused them,
 * through the shared notifier (NOTIFY_TRANSPORT, NOTIFY_FILE_DIR: @rekey/notifications).
 */
@Module({
  providers: [
    // One message at a time: a single SMTP connection is enough.
    {
      provide: NOTIFIER,
      useFactory: (config: NotificationsConfig) => notifierFromConfig(config, { smtpConnections: 1 }),
      inject: [SERVICE_CONFIG],
    },
    { provide: NOTICE_STORE, useClass: PgNoticeStore },
    { provide: CLOCK, useValue: systemClock },
    SendSignInMethodNotices,
    NoticeSender,
  ],
})
export class NoticesModule implements OnApplicationShutdown {
  constructor(@Inject(NOTIFIER) private readonly notifier: Notifier) {}

  async onApplicationShutdown(): Promise<void> {
    await this.notifier.close();
  }
}
