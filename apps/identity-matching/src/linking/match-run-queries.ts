import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { MatchRun } from './domain/match-run';
import { MatchRunNotFound } from './domain/linking.errors';
import { MATCH_RUN_STORE, type MatchRunStore } from './match-run-store.port';

const RunId = z.uuid();

/** Reads of match runs for the operator API. */
@Injectable()
export class MatchRunQueries {
  constructor(@Inject(MATCH_RUN_STORE) private readonly runs: MatchRunStore) {}

  async get(runId: string): Promise<MatchRun> {
    const run = RunId.safeParse(runId).success ? await this.runs.find(runId) : undefined;
    if (!run) throw new MatchRunNotFound(runId);
    return run;
  }
}
