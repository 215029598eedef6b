import { ResetHoldPlacedV1 } from './hold-placed.v1';
import { ResetHoldReleasedV1 } from './hold-released.v1';
import { ResetNoticeSentV1 } from './notice-sent.v1';
import { ResetRedemptionFailedV1 } from './redemption-failed.v1';
import { ResetStepUpPassedV1 } from './step-up-passed.v1';
import { ResetStepUpRequiredV1 } from './step-up-required.v1';
import { ResetTokenExpiredV1 } from './token-expired.v1';
import { ResetTokenIssuedV1 } from './token-issued.v1';
import { ResetTokenRedeemedV1 } from './token-redeemed.v1';
import { ResetWaveLaunchedV1 } from './wave-launched.v1';
import { ResetWavePlannedV1 } from './wave-planned.v1';

export * from './hold-placed.v1';
export * from './hold-released.v1';
export * from './notice-sent.v1';
export * from './redemption-failed.v1';
export * from './step-up';
export * from './step-up-passed.v1';
export * from './step-up-required.v1';
export * from './token-expired.v1';
export * from './token-issued.v1';
export * from './token-redeemed.v1';
export * from './wave-launched.v1';
export * from './wave-plan';
export * from './wave-planned.v1';

export const resetEvents = [
  ResetWavePlannedV1,
  ResetWaveLaunchedV1,
  ResetNoticeSentV1,
  ResetTokenIssuedV1,
  ResetTokenRedeemedV1,
  ResetRedemptionFailedV1,
  ResetTokenExpiredV1,
  ResetStepUpRequiredV1,
  ResetStepUpPassedV1,
  ResetHoldPlacedV1,
  ResetHoldReleasedV1,
] as const;
