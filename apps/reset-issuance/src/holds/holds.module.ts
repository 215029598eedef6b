import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@rekey/background';
import { registerProblemTypes } from '@rekey/problem-details';
import { TypeormHoldStore } from './adapters/typeorm-hold-store.adapter';
import { HoldQueries } from './hold-queries';
import { HOLD_STORE } from './hold-store.port';
import { HoldsController } from './holds.controller';
import { holdProblemTypes } from './holds.problem-types';
import { PlaceHold } from './place-hold';
import { ReleaseHold } from './release-hold';

registerProblemTypes(holdProblemTypes);

@Module({
  controllers: [HoldsController],
  providers: [
    PlaceHold,
    ReleaseHold,
    HoldQueries,
    { provide: HOLD_STORE, useClass: TypeormHoldStore },
    { provide: CLOCK, useValue: systemClock },
  ],
  exports: [HoldQueries],
})
export class HoldsModule {}
