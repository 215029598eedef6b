import { notificationsEnvironment } from '@rekey/notifications';
import { serviceEnvironment, type ServiceDefinition } from '@rekey/service-runtime';
import { z } from 'zod';
import { customerJourneyEnvironment } from './customer-web/customer-journey.environment';
import { AccountHoldEntity } from './holds/adapters/account-hold.entity';
import { AccountHolds1767312000000 } from './migrations/1767312000000-account-holds';
import { JourneysAndTokens1767398400000 } from './migrations/1767398400000-journeys-and-tokens';
import { JourneyClaimOrder1767830400000 } from './migrations/1767830400000-journey-claim-order';
import { BackgroundWaveLaunch1767916800000 } from './migrations/1767916800000-background-wave-launch';
import { BackgroundWorkCauses1768003200000 } from './migrations/1768003200000-background-work-causes';
import { ResetCodes1768200000000 } from './migrations/1768200000000-reset-codes';
import { RedemptionAndStepUp1767657600000 } from './migrations/1767657600000-redemption-and-step-up';
import { UnloggedRateLimitWindows1767744000000 } from './migrations/1767744000000-unlogged-rate-limit-windows';
import { WavesNoticesAndIssuance1767571200000 } from './migrations/1767571200000-waves-notices-and-issuance';
import { ResetIssuanceModule } from './reset-issuance.module';

export const resetIssuanceEnvironment = serviceEnvironment({
  // Where messages go (NOTIFY_TRANSPORT, NOTIFY_FILE_DIR, SMTP_URL, NOTIFY_FROM): @rekey/notifications.
  ...notificationsEnvironment,
  // What the links point at.
  RESET_BASE_URL: z.url().default('http://127.0.0.1:3102'),
  WAVE_REMINDER_BEFORE_CUTOFF_HOURS: z.coerce.number().positive().default(48),
  // The wave scheduler: lease before an undelivered link or unsent notice is retried.
  SCHEDULER_ENABLED: z.stringbool().default(true),
  SCHEDULER_TICK_MS: z.coerce.number().int().positive().default(1_000),
  ISSUANCE_BATCH_SIZE: z.coerce.number().int().min(1).max(5_000).default(500),
  SEND_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(50),
  DELIVERY_LEASE_SECONDS: z.coerce.number().int().positive().default(120),
  REISSUE_COOLDOWN_SECONDS: z.coerce.number().int().nonnegative().default(300),
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
  ],
};
