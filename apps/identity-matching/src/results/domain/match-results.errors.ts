import { RekeyError } from '@rekey/problem-details';

export class NoMatchRunYet extends RekeyError {
  constructor() {
    super('match-results.no-run', 'no match run yet', {
      detail: 'No match run has been started, so there are no results to list.',
    });
  }
}

export class ResultsRunUnknown extends RekeyError {
  constructor(runId: string) {
    super('match-results.run-unknown', `match run ${runId} not found`, {
      detail: 'There is no such match run.',
    });
  }
}

export class ResultsRunInProgress extends RekeyError {
  constructor(runId: string) {
    super('match-results.run-in-progress', `match run ${runId} is running`, {
      detail: `Match run ${runId} is rewriting the results; list them once it has finished.`,
      retryAfterSeconds: 30,
    });
  }
}

/** Only one result per account is kept: a run's results are readable until the next run starts. */
export class ResultsSuperseded extends RekeyError {
  constructor(runId: string, latestRunId: string) {
    super('match-results.run-superseded', `match run ${runId} was superseded by ${latestRunId}`, {
      detail:
        `The results of match run ${runId} were replaced by those of run ${latestRunId}; ` +
        'only the latest run’s are kept. Start again from the first page.',
    });
  }
}
