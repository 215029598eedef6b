import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@rekey/background';
import { registerProblemTypes } from '@rekey/problem-details';
import { TypeormWaveStore } from './adapters/typeorm-wave-store.adapter';
import { CreateWave } from './create-wave';
import { LaunchRequestedWaves } from './launch-requested-waves';
import { LaunchWave } from './launch-wave';
import { RequestWaveLaunch } from './request-wave-launch';
import { WaveQueries } from './wave-queries';
import { WAVE_STORE } from './wave-store.port';
import { WavesController } from './waves.controller';
import { waveProblemTypes } from './waves.problem-types';

registerProblemTypes(waveProblemTypes);

@Module({
  controllers: [WavesController],
  providers: [
    CreateWave,
    LaunchWave,
    LaunchRequestedWaves,
    RequestWaveLaunch,
    WaveQueries,
    { provide: WAVE_STORE, useClass: TypeormWaveStore },
    { provide: CLOCK, useValue: systemClock },
  ],
  exports: [LaunchRequestedWaves],
})
export class WavesModule {}
