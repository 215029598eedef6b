import { Module } from '@nestjs/common';
import { TypeormFraudFlagStore } from './adapters/typeorm-fraud-flag-store.adapter';
import { FRAUD_FLAG_STORE } from './fraud-flag-store.port';
import { FraudSignalsConsumer } from './fraud-signals.consumer';
import { RecordFraudFlag } from './record-fraud-flag';

@Module({
  controllers: [FraudSignalsConsumer],
  providers: [RecordFraudFlag, { provide: FRAUD_FLAG_STORE, useClass: TypeormFraudFlagStore }],
})
export class FraudSignalsModule {}
