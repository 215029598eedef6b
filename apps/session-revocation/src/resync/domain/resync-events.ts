import {
  createEvent,
  SessionDriftRepairedV1,
  SessionResyncCompletedV1,
  type RekeyEvent,
} from '@rekey/contracts';
import { SOURCE } from '../../revocations/domain/revocation-events';
import type { ResyncRun } from './resync';

/** One per account whose legacy side had drifted, keyed by the account like every session event. */
export function driftRepairedEvent(
  run: Pick<ResyncRun, 'runId'>,
  legacyAccountId: string,
  repaired: { sessionsRevoked: number; loginRetiredAgain: boolean },
  journeyId: string,
): RekeyEvent {
  return createEvent(
    SessionDriftRepairedV1,
    { legacyAccountId, runId: run.runId, ...repaired },
    { source: SOURCE, subject: legacyAccountId, journeyId },
  );
}

/** The run's report, keyed by the wave. */
export function resyncCompletedEvent(run: ResyncRun): RekeyEvent {
  return createEvent(
    SessionResyncCompletedV1,
    { runId: run.runId, waveId: run.waveId, requestedBy: run.requestedBy, counts: run.counts },
    { source: SOURCE, subject: run.waveId },
  );
}
