import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { createEvent, ResetWaveLaunchedV1 } from '@rekey/contracts';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { WavesConfig } from './waves.environment';
import { launchWave, type CohortSnapshot, type Wave } from './domain/wave';
import { wavePlanData } from './domain/wave-event-data';
import { reminderDueAt } from './domain/wave-schedule';
import { WAVE_STORE, type WaveStore } from './wave-store.port';

/**
 * Snapshots the cohort of a wave whose launch was asked for into journeys and schedules their
 * notices; the scheduler does the rest. Undefined when the wave is not waiting, or another replica
 * has it in hand.
 */
@Injectable()
export class LaunchWave {
  constructor(
    @Inject(WAVE_STORE) private readonly waves: WaveStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG)
    private readonly config: Pick<WavesConfig, 'WAVE_REMINDER_BEFORE_CUTOFF_HOURS'>,
  ) {}

  execute(waveId: string): Promise<{ wave: Wave; snapshot: CohortSnapshot } | undefined> {
    return this.waves.launch(waveId, (requested) => {
      const now = this.clock.now();
      const wave = launchWave(requested, now);
      const reminder = reminderDueAt(wave, this.config.WAVE_REMINDER_BEFORE_CUTOFF_HOURS);
      return {
        wave,
        noticesDue: { advanceNotice: wave.noticeAt, ...(reminder ? { reminder } : {}) },
        events: (snapshot) => [
          createEvent(
            ResetWaveLaunchedV1,
            { ...wavePlanData(wave), accountCount: snapshot.accountCount, launchedBy: wave.launchedBy },
            { source: 'reset-issuance', subject: wave.id },
            () => now,
          ),
        ],
      };
    });
  }
}
