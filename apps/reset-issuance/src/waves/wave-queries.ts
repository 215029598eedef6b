import { Inject, Injectable } from '@nestjs/common';
import type { Wave } from './domain/wave';
import { WaveNotFound } from './domain/wave.errors';
import { WAVE_STORE, type WaveProgress, type WaveStore } from './wave-store.port';

/** Reads for the operator API: waves and how far their journeys have come. */
@Injectable()
export class WaveQueries {
  constructor(@Inject(WAVE_STORE) private readonly waves: WaveStore) {}

  async one(waveId: string): Promise<{ wave: Wave; progress: WaveProgress }> {
    const wave = await this.waves.find(waveId);
    if (!wave) throw new WaveNotFound(waveId);
    return { wave, progress: await this.waves.progress(waveId) };
  }

  async all(): Promise<Array<{ wave: Wave; progress: WaveProgress }>> {
    const waves = await this.waves.list();
    return Promise.all(waves.map(async (wave) => ({ wave, progress: await this.waves.progress(wave.id) })));
  }
}
