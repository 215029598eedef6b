import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@rekey/background';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';
import { GRANT_SIGNING_KEY, loadGrantSigningKey } from './grant-signing-key';
import { IssueEnrollmentGrant } from './issue-enrollment-grant';
import { JwksController } from './jwks.controller';

@Module({
  controllers: [JwksController],
  providers: [
    IssueEnrollmentGrant,
    {
      provide: GRANT_SIGNING_KEY,
      inject: [SERVICE_CONFIG],
      useFactory: (config: CustomerJourneyConfig) => loadGrantSigningKey(config),
    },
    { provide: CLOCK, useValue: systemClock },
  ],
  exports: [IssueEnrollmentGrant],
})
export class GrantsModule {}
