import { Module } from '@nestjs/common';
import { TypeormEligibleAccountStore } from './adapters/typeorm-eligible-account-store.adapter';
import { EligibilityConsumer } from './eligibility.consumer';
import { EligibilityController } from './eligibility.controller';
import { EligibilityQueries } from './eligibility-queries';
import { ELIGIBLE_ACCOUNT_STORE } from './eligible-account-store.port';
import { RecordEligibleAccount } from './record-eligible-account';

@Module({
  controllers: [EligibilityController, EligibilityConsumer],
  providers: [
    EligibilityQueries,
    RecordEligibleAccount,
    { provide: ELIGIBLE_ACCOUNT_STORE, useClass: TypeormEligibleAccountStore },
  ],
})
export class EligibilityModule {}
