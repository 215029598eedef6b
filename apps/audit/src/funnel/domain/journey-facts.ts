import {
  EnrollmentCompletedV1,
  IdentityLinkedV2,
  isEventOf,
  MigrationAccountMigratedV1,
  ResetNoticeSentV1,
  ResetStepUpPassedV1,
  ResetStepUpRequiredV1,
  ResetTokenIssuedV1,
  ResetTokenRedeemedV1,
  ResetWaveLaunchedV1,
  ResetWavePlannedV1,
  SessionLegacySessionsRevokedV1,
  type RekeyEvent,
} from '@rekey/contracts';
import type { JourneyStep } from './funnel-steps';

/** A journey reached a step at a time. `journeyId` or `waveId` may be unknown to the event. */
export interface StepReached {
  kind: 'step';
  step: JourneyStep | 'step_up_required';
  legacyAccountId: string;
  journeyId?: string;
  waveId?: string;
  at: string;
}

/** A verified link: it gives the account its segment, whichever wave it is in. */
export interface AccountLinked {
  kind: 'link';
  legacyAccountId: string;
  segment: string;
  segments: string[];
  at: string;
  /** Orders competing links (a review relinking an account): the latest link's segment wins. */
  eventId: string;
}

/**
 * What the funnel knows of a wave. A launch repeats the plan's schedule and outranks it, so the
 * result is the same whichever of the two the projection sees first.
 */
export interface WaveDescribed {
  kind: 'wave';
  waveId: string;
  name: string;
  cutoffAt: string;
  accountCount?: number;
  rank: 1 | 2;
  at: string;
}

export type JourneyFact = StepReached | AccountLinked | WaveDescribed;

/**
 * The funnel facts one recorded event carries; none for events the funnel does not count. Times
 * are the event's own where it states one (revokedAt, migratedAt), else when it happened.
 */
export function journeyFactsOf(event: RekeyEvent): JourneyFact[] {
  const step = (
    name: StepReached['step'],
    data: { legacyAccountId: string; journeyId?: string | undefined; waveId?: string | undefined },
    at = event.time,
  ): StepReached[] => {
    const journeyId = data.journeyId ?? event.journeyId;
    return [
      {
        kind: 'step',
        step: name,
        legacyAccountId: data.legacyAccountId,
        ...(journeyId === undefined ? {} : { journeyId }),
        ...(data.waveId === undefined ? {} : { waveId: data.waveId }),
        at,
      },
    ];
  };
  if (isEventOf(IdentityLinkedV2, event)) {
    const { legacyAccountId, segment, segments } = event.data;
    return [{ kind: 'link', legacyAccountId, segment, segments, at: event.time, eventId: event.id }];
  }
  if (isEventOf(ResetWavePlannedV1, event) || isEventOf(ResetWaveLaunchedV1, event)) {
    const launched = isEventOf(ResetWaveLaunchedV1, event);
    return [
      {
        kind: 'wave',
        waveId: event.data.waveId,
        name: event.data.name,
        cutoffAt: event.data.cutoffAt,
        ...(launched ? { accountCount: event.data.accountCount } : {}),
        rank: launched ? 2 : 1,
        at: event.time,
      },
    ];
  }
  if (isEventOf(ResetNoticeSentV1, event)) return step('notified', event.data);
  if (isEventOf(ResetTokenIssuedV1, event)) return step('issued', event.data);
  if (isEventOf(ResetTokenRedeemedV1, event)) {
    // A redemption that leads to step-up says the account needs it, even if step-up-required is late.
    return [
      ...step('redeemed', event.data),
      ...(event.data.next === 'step_up' ? step('step_up_required', event.data) : []),
    ];
  }
  if (isEventOf(ResetStepUpRequiredV1, event)) return step('step_up_required', event.data);
  if (isEventOf(ResetStepUpPassedV1, event)) return step('stepped_up', event.data);
  if (isEventOf(EnrollmentCompletedV1, event)) return step('enrolled', event.data);
  if (isEventOf(SessionLegacySessionsRevokedV1, event)) {
    // Sessions revoked under a fraud hold are not a migration: only an enrolment retires the login.
    if (!event.data.legacyLoginRetired) return [];
    return step('migrated', event.data, event.data.revokedAt);
  }
  if (isEventOf(MigrationAccountMigratedV1, event)) {
    return step('migrated', event.data, event.data.migratedAt);
  }
  return [];
}
