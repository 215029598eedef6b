import { Module } from '@nestjs/common';
import { PgHoldStore } from './adapters/pg-hold-store.adapter';
import { HOLD_STORE } from './hold-store.port';
import { HoldsConsumer } from './holds.consumer';

@Module({
  controllers: [HoldsConsumer],
  providers: [{ provide: HOLD_STORE, useClass: PgHoldStore }],
  exports: [HOLD_STORE],
})
export class HoldsModule {}
