import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@rekey/background';
import { registerProblemTypes } from '@rekey/problem-details';
import { FunnelController } from './funnel.controller';
import { funnelProblemTypes } from './funnel.problem-types';
import { ReadWaveFunnel } from './read-wave-funnel';

registerProblemTypes(funnelProblemTypes);

/** Reads the funnel the recording projects (see project-journey.ts, called from record-event.ts). */
@Module({
  controllers: [FunnelController],
  providers: [ReadWaveFunnel, { provide: CLOCK, useValue: systemClock }],
})
export class FunnelModule {}
