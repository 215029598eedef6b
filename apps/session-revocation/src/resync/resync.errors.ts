import { RekeyError, type ProblemType } from '@rekey/problem-details';

export class ResyncRunNotFound extends RekeyError {
  constructor(runId: string) {
    super('resync-run.not-found', `no re-sync run ${runId}`, { detail: 'No re-sync run has this id.' });
  }
}

export const resyncProblemTypes = {
  'resync-run.not-found': { status: 404, title: 'No re-sync run' },
} satisfies Record<string, ProblemType>;
