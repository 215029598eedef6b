import { notificationsEnvironment } from '@rekey/notifications';
import { serviceEnvironment, type ServiceDefinition } from '@rekey/service-runtime';
import { z } from 'zod';
import { customerJourneyEnvironment } from './customer-web/customer-journey.environment';
import { AccountHoldEntity } from './holds/adapters/account-hold.entity';
import { issuanceEnvironment } from './issuance/issuance.environment';
import { AccountHolds1767312000000 } from './migrations/1767312000000-account-holds';
import { JourneysAndTokens1767398400000 } from './migrations/1767398400000-journeys-and-tokens';
import { JourneyClaimOrder1767830400000 } from './migrations/1767830400000-journey-claim-order';
import { BackgroundWaveLaunch1767916800000 } from './migrations/1767916800000-background-wave-launch';
import { BackgroundWorkCauses1768003200000 } from './migrations/1768003200000-background-work-causes';
import { ResetCodes1768200000000 } from './migrations/1768200000000-reset-codes';
import { FraudFlagSignals1768500000000 } from './migrations/1768500000000-fraud-flag-signals';
import { SealedUndeliveredLinks1768600000000 } from './migrations/1768600000000-sealed-undelivered-links';
import { WaveEnrolmentPolicy1768900000000 } from './migrations/1768900000000-wave-enrolment-policy';
import { StepUpRedemptionTrace1769100000000 } from './migrations/1769100000000-step-up-redemption-trace';
import { RedemptionAndStepUp1767657600000 } from './migrations/1767657600000-redemption-and-step-up';
import { UnloggedRateLimitWindows1767744000000 } from './migrations/1767744000000-unlogged-rate-limit-windows';
import { WavesNoticesAndIssuance1767571200000 } from './migrations/1767571200000-waves-notices-and-issuance';
import { ResetIssuanceModule } from './reset-issuance.module';
import { wavesEnvironment } from './waves/waves.environment';

export const resetIssuanceEnvironment = serviceEnvironment({
  // Where messages go (NOTIFY_TRANSPORT, NOTIFY_FILE_DIR, SMTP_URL, NOTIFY_FROM): @rekey/notifications.
  ...notificationsEnvironment,
  // Each module's variables live beside it, so no module imports this file (which imports them all).
  // Links, the scheduler, its batches and leases.
  ...issuanceEnvironment,
  // Wave planning.
  ...wavesEnvironment,
  // Redemption, rate limits, step-up and the enrollment grant.
  ...customerJourneyEnvironment,
});
export type ResetIssuanceConfig = z.infer<typeof resetIssuanceEnvironment>;

export const resetIssuanceService: ServiceDefinition = {
  name: 'reset-issuance',
  description: 'Plans waves, issues and redeems short-lived single-use reset links, runs step-up and holds.',
  version: '0.1.0',
  environment: resetIssuanceEnvironment,
  module: ResetIssuanceModule,
  entities: [AccountHoldEntity],
  migrations: [
    AccountHolds1767312000000,
    JourneysAndTokens1767398400000,
    WavesNoticesAndIssuance1767571200000,
    RedemptionAndStepUp1767657600000,
    UnloggedRateLimitWindows1767744000000,
    JourneyClaimOrder1767830400000,
    BackgroundWaveLaunch1767916800000,
    BackgroundWorkCauses1768003200000,
    ResetCodes1768200000000,
    FraudFlagSignals1768500000000,
    SealedUndeliveredLinks1768600000000,
    WaveEnrolmentPolicy1768900000000,
    StepUpRedemptionTrace1769100000000,
  ],
};
