import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import type { EventActor } from '@rekey/contracts';
import { SERVICE_LOGGER } from '@rekey/service-runtime';
import { requestLaunch, type Wave } from './domain/wave';
import { LaunchRequestedWaves, type LaunchLog } from './launch-requested-waves';
import { WAVE_STORE, type WaveStore } from './wave-store.port';

/** Takes an operator's request to launch a planned wave, and starts its snapshot in the background. */
@Injectable()
export class RequestWaveLaunch {
  constructor(
    @Inject(WAVE_STORE) private readonly waves: WaveStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly launches: LaunchRequestedWaves,
    @Inject(SERVICE_LOGGER) private readonly log: LaunchLog,
  ) {}

  async execute(waveId: string, actor: EventActor): Promise<Wave> {
    const wave = await this.waves.requestLaunch(waveId, (planned) =>
      requestLaunch(planned, actor, this.clock.now()),
    );
    this.launches
      .execute()
      .catch((error: unknown) =>
        this.log.warn(
          { waveId, error: (error as Error).message },
          'looking for waves to launch failed; the scheduler looks again',
        ),
      );
    return wave;
  }
}
