import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { notifierFromConfig, type NotifierSettings } from './notifier-from-config';
import { NOTIFIER, type Notifier } from './notifier.port';

@Module({
  providers: [
    {
      provide: NOTIFIER,
      useFactory: (settings: NotifierSettings) => notifierFromConfig(settings),
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
