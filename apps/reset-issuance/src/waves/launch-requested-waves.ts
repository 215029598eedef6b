import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_LOGGER } from '@rekey/service-runtime';
import { inCausedStep } from '../shared/work-cause';
import { LaunchWave } from './launch-wave';
import { WAVE_STORE, type WaveStore } from './wave-store.port';

export interface LaunchLog {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

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
    @Inject(SERVICE_LOGGER) private readonly log: LaunchLog,
  ) {}

  /** How many waves this pass launched. */
  async execute(): Promise<number> {
    let launched = 0;
    for (const { waveId, cause } of await this.waves.launchesRequested()) {
      // One wave that cannot be launched must not hold up the others, nor the scheduler's other
      // work: it stays `launching`, is logged, and is tried again on the next pass.
      await inCausedStep('launch wave', [cause], { waveId }, async () => {
        try {
          const launch = await this.launchWave.execute(waveId);
          if (!launch) return;
          launched += 1;
          this.log.info({ accountCount: launch.snapshot.accountCount }, 'wave launched');
        } catch (error) {
          this.log.warn(
            { waveId, error: (error as Error).message },
            'wave launch failed; trying again later',
          );
        }
      });
    }
    return launched;
  }
}
