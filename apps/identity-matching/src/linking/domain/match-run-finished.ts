import { createEvent, IdentityMatchRunFinishedV1, type RekeyEvent } from '@rekey/contracts';
import type { MatchRun } from './match-run';

/** The audited end of an operator's match run: who asked for it and what it decided. */
export function matchRunFinished(run: MatchRun): RekeyEvent {
  const finishedAt = run.finishedAt ?? run.startedAt;
  const counts = run.status === 'completed' ? run.counts : undefined;
  return createEvent(
    IdentityMatchRunFinishedV1,
    {
      runId: run.id,
      status: run.status === 'completed' ? 'completed' : 'failed',
      requestedBy: { subject: run.requestedBy, role: 'operator' },
      startedAt: run.startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      ...(counts
        ? {
            counts: {
              legacy: counts.legacy,
              target: counts.target,
              linked: counts.linked,
              review: counts.review,
              new: counts.new,
              linksCreated: counts.linksCreated,
              reviewsOpened: counts.reviewsOpened,
            },
          }
        : {}),
    },
    { source: 'identity-matching', subject: run.id },
    () => finishedAt,
  );
}
