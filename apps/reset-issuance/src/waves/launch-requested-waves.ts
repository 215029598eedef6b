import { Inject, Injectable } from '@nestjs/common';
import { LaunchWave } from './launch-wave';
import { WAVE_STORE, type WaveStore } from './wave-store.port';

/**
 * Snapshots every wave whose launch was asked for. The replica that took the request starts at
 * once; every replica's scheduler looks again on its next tick, so a launch interrupted by a crash
 * or a lost connection is taken up again (its transaction left nothing behind).
 */
@Injectable()
export class LaunchRequestedWaves {
  constructor(
    @Inject(WAVE_STORE) private readonly waves: WaveStore,
    private readonly launchWave: LaunchWave,
  ) {}

  /** How many waves this pass launched. */
  async execute(): Promise<number> {
    let launched = 0;
    for (const waveId of await this.waves.launchesRequested()) {
      if (await this.launchWave.execute(waveId)) launched += 1;
    }
    return launched;
  }
}
