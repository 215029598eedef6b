import { ConsumedGrantJtis1767657600001 } from '@rekey/enrollment-grant';
import { notificationsEnvironment } from '@rekey/notifications';
import { serviceEnvironment, type ServiceDefinition } from '@rekey/service-runtime';
import type { z } from 'zod';
import { enrollmentWebEnvironment } from './customer-web/enrollment-web.environment';
import { EnrollmentModule } from './enrollment.module';
import { EnrolmentAndPasskeys1768700000000 } from './migrations/1768700000000-enrolment-and-passkeys';
import { TotpRecoveryCodesPasswords1768800000000 } from './migrations/1768800000000-totp-recovery-codes-passwords';
import { ContactsAndNotices1768900000000 } from './migrations/1768900000000-contacts-and-notices';
import { noticesEnvironment } from './notices/notices.environment';
import { webAuthnEnvironment } from './passkeys/webauthn.environment';
import { signInEnvironment } from './sign-in/sign-in.environment';
import { totpEnvironment } from './totp/totp.environment';
import { SignIn1769000000000 } from './migrations/1769000000000-sign-in';
import { SignInLockRelease1769000500000 } from './migrations/1769000500000-sign-in-lock-release';
import { EnrolmentJourneyTrace1769100000000 } from './migrations/1769100000000-enrolment-journey-trace';

export const enrollmentEnvironment = serviceEnvironment({
  // Each module's variables live beside it, so no module imports this file (which imports them all).
  // The pages, the grant's issuer, customer sessions.
  ...enrollmentWebEnvironment,
  // The WebAuthn relying party.
  ...webAuthnEnvironment,
  // The authenticator-app factor: its issuer name and the keys its secrets are sealed with.
  ...totpEnvironment,
  // Where the "a sign-in method was added" notices go (NOTIFY_TRANSPORT, NOTIFY_FILE_DIR, SMTP_URL,
  // NOTIFY_FROM: @rekey/notifications), and how often they are sent.
  ...notificationsEnvironment,
  ...noticesEnvironment,
  // Sign-in after the move: per-address limits, session length and the bridge-expiry sweep.
  ...signInEnvironment,
});
export type EnrollmentConfig = z.infer<typeof enrollmentEnvironment>;

export const enrollmentService: ServiceDefinition = {
  name: 'enrollment',
  description: 'Re-enrols migrated customers onto passkeys, TOTP or a new password.',
  version: '0.1.0',
  environment: enrollmentEnvironment,
  module: EnrollmentModule,
  entities: [],
  migrations: [
    ConsumedGrantJtis1767657600001,
    EnrolmentAndPasskeys1768700000000,
    TotpRecoveryCodesPasswords1768800000000,
    ContactsAndNotices1768900000000,
    SignIn1769000000000,
    SignInLockRelease1769000500000,
    EnrolmentJourneyTrace1769100000000,
  ],
};
