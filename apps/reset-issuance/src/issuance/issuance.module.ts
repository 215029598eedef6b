import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@rekey/background';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@rekey/service-runtime';
import { NotificationsModule } from '../notifications/notifications.module';
import { WavesModule } from '../waves/waves.module';
import { PgIssuanceStore } from './adapters/pg-issuance-store.adapter';
import { PgNoticeStore } from './adapters/pg-notice-store.adapter';
import { DeliverLinks } from './deliver-links';
import { ExpireLinks } from './expire-links';
import { ISSUANCE_STORE } from './issuance-store.port';
import { SCHEDULER_LOG } from './issuance-settings';
import { IssueWaveLinks } from './issue-wave-links';
import type { IssuanceConfig } from './issuance.environment';
import { loadTokenSealer, TOKEN_SEALER } from './link-sealing-key';
import { NOTICE_STORE } from './notice-store.port';
import { ProcessReissueRequests } from './process-reissue-requests';
import { ResendUndeliveredLinks } from './resend-undelivered-links';
import { SendDueNotices } from './send-due-notices';
import { WaveScheduler } from './wave-scheduler';

@Module({
  imports: [NotificationsModule, WavesModule],
  providers: [
    WaveScheduler,
    IssueWaveLinks,
    ResendUndeliveredLinks,
    ProcessReissueRequests,
    ExpireLinks,
    SendDueNotices,
    DeliverLinks,
    { provide: ISSUANCE_STORE, useClass: PgIssuanceStore },
    { provide: NOTICE_STORE, useClass: PgNoticeStore },
    {
      provide: TOKEN_SEALER,
      inject: [SERVICE_CONFIG],
      useFactory: (config: IssuanceConfig & { NODE_ENV?: string }) => loadTokenSealer(config),
    },
    { provide: CLOCK, useValue: systemClock },
    { provide: SCHEDULER_LOG, useExisting: SERVICE_LOGGER },
  ],
})
export class IssuanceModule {}
