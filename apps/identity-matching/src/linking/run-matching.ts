import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { createEvent, IdentityReviewRequiredV1 } from '@rekey/contracts';
import { DIRECTORY_RECORDS, type DirectoryRecords } from '../directory/directory-records.port';
import { DirectoryPreparer, matchPrepared, type MatchConfig, type MatchResult } from '../matching';
import {
  ACCOUNT_MATCH_STORE,
  type AccountBatch,
  type AccountMatchStore,
  type BatchOutcome,
} from './account-match-store.port';
import { planAccountChange } from './domain/account-change';
import { reviewRequiredData, runLinkData } from './domain/identity-event-data';
import { linkEventsOf } from './domain/link-events';
import { emptyCounts, summariseModel, type MatchRun, type MatchRunCounts } from './domain/match-run';
import { resultHashOf } from './domain/result-hash';
import { MATCH_CONFIG } from './matching-environment';
import { MATCH_RUN_STORE, type MatchRunStore } from './match-run-store.port';

export interface RunMatchingCommand {
  /** The operator who asked for the run. */
  requestedBy: string;
}

export interface StartedMatchRun {
  run: MatchRun;
  /** Settles when the run has completed or failed; the HTTP edge does not wait, a CLI may. */
  completion: Promise<MatchRun>;
}

// Accounts per transaction: big enough that round trips vanish, small enough for a few MB of SQL.
const BATCH_SIZE = 5_000;
// Two transactions keep the database busy on two cores while this process plans the next batch.
const WRITERS = 2;
const SOURCE = 'identity-matching';

/**
 * Links the legacy directory to the target directory and stores what changed: one account_match
 * row per legacy account, verified links, review cases, and their events in the outbox. Runs in
 * the background under a lock, so one runs at a time whichever replica is asked.
 */
@Injectable()
export class RunMatching {
  private readonly logger = new Logger(RunMatching.name);

  constructor(
    @Inject(DIRECTORY_RECORDS) private readonly directories: DirectoryRecords,
    @Inject(MATCH_RUN_STORE) private readonly runs: MatchRunStore,
    @Inject(ACCOUNT_MATCH_STORE) private readonly accounts: AccountMatchStore,
    @Inject(MATCH_CONFIG) private readonly config: MatchConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RunMatchingCommand): Promise<StartedMatchRun> {
    const lease = await this.runs.begin({
      id: this.clock.newId(),
      requestedBy: command.requestedBy,
      startedAt: this.clock.now(),
    });
    const completion = this.match(lease.run)
      .then(({ counts, model }) => this.runs.complete(lease.run.id, counts, model, this.clock.now()))
      .catch((error: unknown) => {
        this.logger.error(`match run ${lease.run.id} failed: ${(error as Error).stack ?? String(error)}`);
        return this.runs.fail(lease.run.id, describe(error), this.clock.now());
      })
      .finally(() => lease.release());
    return { run: lease.run, completion };
  }

  private async match(run: MatchRun) {
    const now = this.clock.now();
    const preparer = new DirectoryPreparer(this.config, now);
    const counts = emptyCounts();
    // Page by page: only the features of a million records are held, never the records themselves.
    for await (const page of this.directories.pages('legacy')) {
      for (const record of page) preparer.addLegacy(record);
      counts.legacy += page.length;
    }
    for await (const page of this.directories.pages('target')) {
      for (const record of page) preparer.addTarget(record);
      counts.target += page.length;
    }
    const matched = matchPrepared(preparer.prepare(), this.config);
    counts.candidatePairs = matched.candidatePairs;

    // Pipelined: batches are computed while the database writes earlier ones, in as many
    // transactions at once as WRITERS. Batches hold disjoint accounts, so their order does not
    // matter. A failed write is kept, not left unhandled, and stops the run at the next batch.
    const writing = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    for (let start = 0; start < matched.count && !failure; start += BATCH_SIZE) {
      const results: MatchResult[] = [];
      for (let l = start; l < Math.min(start + BATCH_SIZE, matched.count); l++)
        results.push(matched.resultOf(l));
      const batch = await this.planBatch(run.id, now, results, counts);
      while (writing.size >= WRITERS) await Promise.race(writing);
      if (failure) break;
      const write: Promise<void> = this.accounts.apply(batch).then(
        (outcome) => add(counts, outcome),
        (error: unknown) => {
          failure = { error };
        },
      );
      writing.add(write);
      void write.finally(() => writing.delete(write));
    }
    await Promise.all(writing);
    if (failure) throw failure.error;
    return { counts, model: summariseModel(matched.model, matched.linkage.layout, matched.blocking) };
  }

  private async planBatch(
    runId: string,
    now: Date,
    results: MatchResult[],
    counts: MatchRunCounts,
  ): Promise<AccountBatch> {
    const states = await this.accounts.statesOf(results.map((result) => result.legacyId));
    const batch: AccountBatch = {
      runId,
      at: now,
      results: [],
      links: [],
      openedReviews: [],
      updatedReviews: [],
      supersededReviewIds: [],
    };
    const context = (subject: string) => ({ source: SOURCE, subject });
    const at = () => now;
    for (const result of results) {
      counts[result.outcome] += 1;
      const hash = resultHashOf(result);
      const { record, action } = planAccountChange(
        states.get(result.legacyId) ?? { excluded: false },
        result,
        hash,
      );
      if (!record) continue;
      counts.changed += 1;
      batch.results.push({ result, hash });
      switch (action.kind) {
        case 'none':
          break;
        case 'link': {
          const linked = result as MatchResult & { targetId: string };
          const events = linkEventsOf(runLinkData(linked), context(result.legacyId), now);
          batch.links.push({ result: linked, events });
          if (action.supersededReviewId) batch.supersededReviewIds.push(action.supersededReviewId);
          break;
        }
        case 'supersede_review':
          batch.supersededReviewIds.push(action.reviewId);
          break;
        case 'open_review':
        case 'update_review': {
          const reviewId = action.kind === 'open_review' ? this.clock.newId() : action.reviewId;
          const data = reviewRequiredData(reviewId, result, action.reasons, action.candidateTargetIds);
          const draft = {
            reviewId,
            result,
            reasons: action.reasons,
            candidateTargetIds: action.candidateTargetIds,
            event: createEvent(IdentityReviewRequiredV1, data, context(result.legacyId), at),
          };
          if (action.kind === 'open_review') batch.openedReviews.push({ ...draft, kind: action.reviewKind });
          else batch.updatedReviews.push(draft);
          break;
        }
      }
    }
    return batch;
  }
}

function add(counts: MatchRunCounts, outcome: BatchOutcome): void {
  counts.linksCreated += outcome.linksCreated;
  counts.reviewsOpened += outcome.reviewsOpened;
  counts.eventsEmitted += outcome.eventsEmitted;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
}
