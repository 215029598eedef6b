import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@rekey/background';
import { registerProblemTypes } from '@rekey/problem-details';
import { PgSignInLockStore } from './adapters/pg-sign-in-lock-store.adapter';
import { signInLockProblemTypes } from './domain/sign-in-lock.errors';
import { ReleaseSignInLock } from './release-sign-in-lock';
import { SignInLockController } from './sign-in-lock.controller';
import { SIGN_IN_LOCK_STORE } from './sign-in-lock-store.port';

registerProblemTypes(signInLockProblemTypes);

/** Support releases a sign-in lockout (100 consecutive failures) without a passkey sign-in. */
@Module({
  controllers: [SignInLockController],
  providers: [
    ReleaseSignInLock,
    { provide: SIGN_IN_LOCK_STORE, useClass: PgSignInLockStore },
    { provide: CLOCK, useValue: systemClock },
  ],
})
export class SignInLocksModule {}
