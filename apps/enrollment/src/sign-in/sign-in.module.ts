import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@rekey/background';
import { registerProblemTypes } from '@rekey/problem-details';
import { PgRateLimitCounter, RATE_LIMIT_COUNTER } from '@rekey/rate-limits';
import { HoldsModule } from '../holds/holds.module';
import { PasskeysModule } from '../passkeys/passkeys.module';
import { PasswordsModule } from '../passwords/passwords.module';
import { RecoveryCodesModule } from '../recovery-codes/recovery-codes.module';
import { TotpModule } from '../totp/totp.module';
import { PgSignInStore } from './adapters/pg-sign-in-store.adapter';
import { BridgeExpirySweep } from './bridge-expiry-sweep';
import { signInProblemTypes } from './domain/sign-in.errors';
import { PasskeySignIn } from './passkey-sign-in';
import { PasswordSignIn } from './password-sign-in';
import { SignInAttemptGuard } from './sign-in-attempt.guard';
import { SignInRateLimiter, SignInRateLimitSweeper } from './sign-in-rate-limits';
import { SignInSessions } from './sign-in-sessions';
import { SignInUpkeep } from './sign-in-upkeep';
import { SIGN_IN_STORE } from './sign-in-store.port';
import {
  AccountPasskeyController,
  PasskeySignInController,
  SignInPagesController,
} from './sign-in.controller';
import { AddPasskeyAfterSignIn } from './add-passkey-after-sign-in';
import { AddTotpAfterSignIn } from './add-totp-after-sign-in';
import { ACCOUNT_TOTP_STORE } from './account-totp-store.port';
import { AccountTotpController } from './account-totp.controller';
import { PgAccountTotpStore } from './adapters/pg-account-totp-store.adapter';
import { SignInVerificationController } from './sign-in-verification.controller';
import { SignedInSessionGuard } from './signed-in-session.guard';

registerProblemTypes(signInProblemTypes);

/** Sign-in after the move: passkey, password (+ TOTP), per-address limits and the lockout. */
@Module({
  imports: [HoldsModule, PasskeysModule, PasswordsModule, TotpModule, RecoveryCodesModule],
  controllers: [
    SignInPagesController,
    PasskeySignInController,
    AccountPasskeyController,
    AccountTotpController,
    SignInVerificationController,
  ],
  providers: [
    PasskeySignIn,
    PasswordSignIn,
    AddPasskeyAfterSignIn,
    AddTotpAfterSignIn,
    SignInSessions,
    SignInAttemptGuard,
    SignedInSessionGuard,
    SignInRateLimiter,
    SignInRateLimitSweeper,
    SignInUpkeep,
    BridgeExpirySweep,
    { provide: SIGN_IN_STORE, useClass: PgSignInStore },
    { provide: ACCOUNT_TOTP_STORE, useClass: PgAccountTotpStore },
    { provide: RATE_LIMIT_COUNTER, useClass: PgRateLimitCounter },
    { provide: CLOCK, useValue: systemClock },
  ],
})
export class SignInModule {}
