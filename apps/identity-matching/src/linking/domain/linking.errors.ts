import { RekeyError } from '@rekey/problem-details';

export class MatchRunAlreadyRunning extends RekeyError {
  constructor() {
    super('match-run.already-running', 'a match run is already running', {
      detail: 'A match run is already running; wait for it to finish before starting another.',
    });
  }
}

export class MatchRunNotFound extends RekeyError {
  constructor(runId: string) {
    super('match-run.not-found', `match run ${runId} not found`, { detail: 'There is no such match run.' });
  }
}
