import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { NOTIFIER, notifierFromConfig, type NotificationsConfig, type Notifier } from '@rekey/notifications';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { IssuanceConfig } from '../issuance/issuance.environment';

/** The one notifier of the service: links, notices, reminders and step-up codes. */
@Module({
  providers: [
    {
      provide: NOTIFIER,
      // The SMTP pool follows how many messages the scheduler sends at once (1 to 10 connections).
      useFactory: (config: NotificationsConfig & Pick<IssuanceConfig, 'SEND_CONCURRENCY'>) =>
        notifierFromConfig(config, { smtpConnections: config.SEND_CONCURRENCY }),
      inject: [SERVICE_CONFIG],
    },
  ],
  exports: [NOTIFIER],
})
export class NotificationsModule implements OnApplicationShutdown {
  constructor(@Inject(NOTIFIER) private readonly notifier: Notifier) {}

  async onApplicationShutdown(): Promise<void> {
    await this.notifier.close();
  }
}
