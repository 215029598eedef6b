import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import type { EventActor } from '@rekey/contracts';
import { NO_COUNTS, type ResyncRun } from './domain/resync';
import { RESYNC_STORE, type ResyncStore } from './resync-store.port';

/**
 * An operator asks to compare a wave with the legacy system: a durable run is recorded and the
 * re-sync worker carries it out in batches. Each request is a run of its own (a second run after
 * the first finds what drifted since).
 */
@Injectable()
export class StartResync {
  constructor(
    @Inject(RESYNC_STORE) private readonly store: ResyncStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(waveId: string, requestedBy: EventActor): Promise<ResyncRun> {
    const run: ResyncRun = {
      runId: this.clock.newId(),
      waveId,
      requestedBy,
      state: 'running',
      currentAttempts: 0,
      counts: NO_COUNTS,
      failures: [],
      startedAt: this.clock.now(),
    };
    await this.store.start(run);
    return run;
  }
}
