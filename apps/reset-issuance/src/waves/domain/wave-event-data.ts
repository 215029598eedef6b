import type { ResetWavePlannedV1 } from '@rekey/contracts';
import type { Wave } from './wave';

/** What the planned and launched events say of a wave: its cohort and its schedule. */
export function wavePlanData(wave: Wave): Omit<ResetWavePlannedV1, 'plannedBy'> {
  return {
    waveId: wave.id,
    campaignId: wave.campaignId,
    name: wave.name,
    cohort:
      wave.cohort.kind === 'list'
        ? { segments: [], bands: [], accountListId: wave.cohort.accountListId }
        : { segments: wave.cohort.segments, bands: wave.cohort.bands },
    noticeAt: wave.noticeAt.toISOString(),
    startsAt: wave.startsAt.toISOString(),
    cutoffAt: wave.cutoffAt.toISOString(),
    pacePerSecond: wave.pacePerSecond,
    linkLifetimeMinutes: wave.linkLifetimeMinutes,
  };
}

/**
 * The planned event's policy, only as the operator set it (defaults stay reset-issuance's to
 * resolve); the event says `bridgeEndsAt`, as event fields never name passwords.
 */
export function wavePolicyData(wave: Wave): Pick<ResetWavePlannedV1, 'enrolmentPolicy'> {
  const policy = wave.enrolmentPolicy;
  if (!policy) return {};
  return {
    enrolmentPolicy: {
      ...(policy.minimumAssurance ? { minimumAssurance: policy.minimumAssurance } : {}),
      ...(policy.passwordBridgeEndsAt ? { bridgeEndsAt: policy.passwordBridgeEndsAt.toISOString() } : {}),
    },
  };
}
