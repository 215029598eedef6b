import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@rekey/background';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';
import { GrantsModule } from '../grants/grants.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RateLimitsModule } from '../rate-limits/rate-limits.module';
import { PgStepUpStore } from './adapters/pg-step-up-store.adapter';
import { StartStepUp } from './start-step-up';
import { loadStepUpCodeKey, STEP_UP_CODE_KEY } from './step-up-code-key';
import { STEP_UP_STORE } from './step-up-store.port';
import { StepUpController } from './step-up.controller';
import { VerifyStepUpCode } from './verify-step-up-code';

@Module({
  imports: [RateLimitsModule, GrantsModule, NotificationsModule],
  controllers: [StepUpController],
  providers: [
    StartStepUp,
    VerifyStepUpCode,
    { provide: STEP_UP_STORE, useClass: PgStepUpStore },
    {
      provide: STEP_UP_CODE_KEY,
      inject: [SERVICE_CONFIG],
      useFactory: (config: CustomerJourneyConfig) => loadStepUpCodeKey(config),
    },
    { provide: CLOCK, useValue: systemClock },
  ],
  exports: [StartStepUp],
})
export class StepUpModule {}
