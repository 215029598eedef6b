import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { DataSource } from 'typeorm';
import {
  selectKnownWaves,
  selectWaveCounts,
  selectWaveFacts,
  type KnownWave,
} from './adapters/funnel-counts.sql';
import { waveFunnel, type Funnel } from './domain/funnel';
import { FunnelWaveUnknown } from './domain/funnel.errors';

/** The funnel of one wave as the log has it now, and the waves it can be read for. */
@Injectable()
export class ReadWaveFunnel {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(waveId: string): Promise<Funnel> {
    // One snapshot: the counts and the wave's facts agree even while events keep arriving.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const facts = await selectWaveFacts(manager, waveId);
      const counts = await selectWaveCounts(manager, waveId);
      if (!facts && counts.overall.journeys === 0) throw new FunnelWaveUnknown(waveId);
      const wave = facts ?? { name: null, cutoffAt: null, accountCount: null };
      return waveFunnel(waveId, wave, counts.overall, counts.bySegment, this.clock.now());
    });
  }

  knownWaves(): Promise<KnownWave[]> {
    return selectKnownWaves(this.dataSource.manager);
  }
}
