import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { HOLD_STORE, type HoldStore } from '../holds/hold-store.port';
import { PASSWORD_HASHER, type PasswordHasher } from '../passwords/password-hasher.port';
import { recoveryCodeDigest } from '../recovery-codes/domain/recovery-codes';
import { RECOVERY_CODE_STORE, type RecoveryCodeStore } from '../recovery-codes/recovery-code-store.port';
import type { TotpSecretSealer } from '../totp/domain/totp-secret-sealing';
import { verifyTotpCode } from '../totp/domain/totp-verification';
import { TOTP_FACTOR_STORE, type TotpFactorStore } from '../totp/totp-factor-store.port';
import { TOTP_SECRET_SEALER } from '../totp/totp-sealing-keys';
import { bridgeExpiredEvent } from './domain/bridge-expired-event';
import {
  isLockedOut,
  judgePasswordSignIn,
  type AssuranceLevel,
  type PasswordAccount,
  type PresentedFactor,
  type PresentedFactors,
  type SignInMethod,
} from './domain/sign-in-rules';
import { SignInBridgeEnded, SignInRefused } from './domain/sign-in.errors';
import { SignInRateLimiter } from './sign-in-rate-limits';
import { SignInSessions, type SignedIn } from './sign-in-sessions';
import { SIGN_IN_STORE, type SignInStore } from './sign-in-store.port';

export interface PasswordCredentials {
  /** The account id the customer typed (their target or legacy account id). */
  account: string;
  password: string;
  /** The authenticator app's code, when typed. */
  code?: string;
  /** A recovery code, in place of the app's code. */
  recoveryCode?: string;
}

/** Who proved what: the answer of the verification API, and what a session is made from. */
export interface VerifiedAccount {
  legacyAccountId: string;
  targetAccountId: string;
  assuranceLevel: AssuranceLevel;
  methods: SignInMethod[];
}

// Verified for unknown accounts, so they cost what a known one costs: same answer, similar time.
const DUMMY_PASSWORD = 'not-a-password-of-anyone-at-all';

/**
 * Password (+ TOTP code or recovery code) sign-in: limited per address first, then judged by the
 * sign-in rules. Every refusal is the same neutral one, except the right bridging password alone
 * after its end, which says the bridge ended (and records bridge-expired once per account).
 */
@Injectable()
export class PasswordSignIn {
  private dummyHash: Promise<string> | undefined;

  constructor(
    @Inject(SIGN_IN_STORE) private readonly store: SignInStore,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(TOTP_FACTOR_STORE) private readonly totpFactors: TotpFactorStore,
    @Inject(TOTP_SECRET_SEALER) private readonly sealer: TotpSecretSealer,
    @Inject(RECOVERY_CODE_STORE) private readonly recoveryCodes: RecoveryCodeStore,
    @Inject(HOLD_STORE) private readonly holds: HoldStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly limiter: SignInRateLimiter,
    private readonly sessions: SignInSessions,
  ) {}

  /** The customer pages: a verified sign-in opens a session. */
  async execute(credentials: PasswordCredentials, ipAddress: string): Promise<SignedIn> {
    const verified = await this.judge(credentials, ipAddress);
    const { signedIn, session } = this.sessions.newSession(
      verified.legacyAccountId,
      verified.assuranceLevel,
      verified.methods,
    );
    await this.store.signIn(session, this.clock.now());
    return signedIn;
  }

  /** The verification API: the same checks and counting, no session. */
  async verify(credentials: PasswordCredentials, ipAddress: string): Promise<VerifiedAccount> {
    const verified = await this.judge(credentials, ipAddress);
    await this.store.resetFailures(verified.legacyAccountId);
    return verified;
  }

  private async judge(credentials: PasswordCredentials, ipAddress: string): Promise<VerifiedAccount> {
    await this.limiter.admit(ipAddress);
    const now = this.clock.now();
    const account = await this.store.findPasswordAccount(credentials.account);
    if (!account?.passwordHash) {
      this.dummyHash ??= this.hasher.hash(DUMMY_PASSWORD);
      await this.hasher.verify(await this.dummyHash, credentials.password);
      if (!account) throw new SignInRefused();
    }
    const passwordMatches = account.passwordHash
      ? await this.hasher.verify(account.passwordHash, credentials.password)
      : false;
    const presented: PresentedFactors = { passwordMatches, totp: 'absent', recoveryCode: 'absent' };
    // Second factors are checked (and spent) only behind the right password of an unlocked
    // account (or, for a recovery code, an account without a password): guesses spend nothing.
    const mayCheck = (passwordMatches || !account.passwordHash) && !isLockedOut(account.consecutiveFailures);
    if (credentials.recoveryCode) {
      presented.recoveryCode = mayCheck
        ? await this.spendRecoveryCode(account, credentials.recoveryCode, now)
        : 'refused';
    } else if (credentials.code) {
      presented.totp =
        mayCheck && account.hasTotp ? await this.checkCode(account, credentials.code, now) : 'refused';
    }
    const outcome = judgePasswordSignIn(account, presented, now);
    if (outcome.kind === 'refused') {
      if (outcome.countsAsFailure) await this.store.recordFailure(account.legacyAccountId, now);
      throw new SignInRefused();
    }
    if (outcome.kind === 'bridge_ended') {
      await this.recordBridgeEnd(account);
      throw new SignInBridgeEnded();
    }
    if (await this.holds.isHeld(account.legacyAccountId)) throw new SignInRefused();
    return {
      legacyAccountId: account.legacyAccountId,
      targetAccountId: account.targetAccountId,
      assuranceLevel: outcome.assuranceLevel,
      methods: outcome.methods,
    };
  }

  private async spendRecoveryCode(
    account: PasswordAccount,
    code: string,
    now: Date,
  ): Promise<PresentedFactor> {
    const spent = await this.recoveryCodes.spend(account.legacyAccountId, recoveryCodeDigest(code), now);
    return spent ? 'accepted' : 'refused';
  }

  private async checkCode(account: PasswordAccount, code: string, now: Date): Promise<PresentedFactor> {
    const factor = await this.totpFactors.find(account.legacyAccountId);
    if (!factor?.confirmedAt) return 'refused';
    const secret = this.sealer.open(account.legacyAccountId, factor.sealedSecret);
    const verified = verifyTotpCode(secret, code, {
      now,
      ...(factor.lastUsedStep === undefined ? {} : { lastUsedStep: factor.lastUsedStep }),
    });
    if (!verified.accepted) return 'refused';
    const spent = await this.totpFactors.useStep(
      account.legacyAccountId,
      factor.sealedSecret,
      verified.step,
      now,
    );
    return spent ? 'accepted' : 'refused';
  }

  private async recordBridgeEnd(account: PasswordAccount): Promise<void> {
    const event = bridgeExpiredEvent(
      {
        legacyAccountId: account.legacyAccountId,
        targetAccountId: account.targetAccountId,
        bridgeEndedAt: account.bridgeEndsAt ?? this.clock.now(),
      },
      () => this.clock.now(),
    );
    await this.store.recordBridgeExpired(account.legacyAccountId, event);
  }
}
