import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { createEvent, EnrollmentCredentialAddedV1 } from '@rekey/contracts';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { ENROLLMENT_SOURCE } from '../enrolments/domain/enrolment-events';
import { newTotpSecret } from '../totp/domain/totp-secret';
import type { TotpSecretSealer } from '../totp/domain/totp-secret-sealing';
import { verifyTotpCode, type TotpRefusal } from '../totp/domain/totp-verification';
import { TOTP_FACTOR_STORE, type TotpFactorStore } from '../totp/totp-factor-store.port';
import { TOTP_SECRET_SEALER } from '../totp/totp-sealing-keys';
import { totpSetUpOf, type TotpSetUp } from '../totp/totp-set-up';
import type { TotpConfig } from '../totp/totp.environment';
import { ACCOUNT_TOTP_STORE, type AccountTotpStore } from './account-totp-store.port';
import type { SignedInSession } from './sign-in-store.port';

export type AccountTotpConfirmation =
  | { kind: 'added' }
  /** Nothing pending to confirm (never opened, or the app is already added): back to the account. */
  | { kind: 'nothing_pending' }
  /** `setUp` is the pending secret again, for the form; absent once the factor is confirmed. */
  | { kind: 'refused'; refusal: TotpRefusal; setUp?: TotpSetUp };

/**
 * A signed-in customer on a password adds an authenticator app: the enrolment's TOTP rules
 * (sealed secret, ±1 step, a code never accepted twice). The first accepted code confirms the
 * factor; the account is then AAL2 and its password never signs in alone again.
 */
@Injectable()
export class AddTotpAfterSignIn {
  constructor(
    @Inject(ACCOUNT_TOTP_STORE) private readonly store: AccountTotpStore,
    @Inject(TOTP_FACTOR_STORE) private readonly factors: Pick<TotpFactorStore, 'find'>,
    @Inject(TOTP_SECRET_SEALER) private readonly sealer: TotpSecretSealer,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: TotpConfig,
  ) {}

  /** A new pending secret and what the page shows of it; undefined when the account cannot add one. */
  async begin(session: SignedInSession): Promise<TotpSetUp | undefined> {
    const secret = newTotpSecret(randomBytes);
    const saved = await this.store.savePending({
      legacyAccountId: session.legacyAccountId,
      sealedSecret: this.sealer.seal(session.legacyAccountId, secret),
      keyId: this.sealer.activeKeyId,
      createdAt: this.clock.now(),
    });
    return saved ? totpSetUpOf(secret, this.config.TOTP_ISSUER) : undefined;
  }

  async confirm(session: SignedInSession, code: unknown): Promise<AccountTotpConfirmation> {
    const factor = await this.factors.find(session.legacyAccountId);
    if (!factor) return { kind: 'nothing_pending' };
    const secret = this.sealer.open(session.legacyAccountId, factor.sealedSecret);
    const now = this.clock.now();
    const verification = verifyTotpCode(secret, typeof code === 'string' ? code : '', {
      now,
      lastUsedStep: factor.lastUsedStep,
    });
    if (factor.confirmedAt) {
      // The form sent again after it worked: a used code is told so, anything else goes back.
      return !verification.accepted && verification.refusal === 'totp.code-reused'
        ? { kind: 'refused', refusal: verification.refusal }
        : { kind: 'nothing_pending' };
    }
    if (!verification.accepted) {
      return {
        kind: 'refused',
        refusal: verification.refusal,
        setUp: await totpSetUpOf(secret, this.config.TOTP_ISSUER),
      };
    }
    const event = createEvent(
      EnrollmentCredentialAddedV1,
      {
        legacyAccountId: session.legacyAccountId,
        targetAccountId: session.targetAccountId,
        method: 'totp',
        assuranceLevel: 'aal2',
        phishingResistant: false,
      },
      { source: ENROLLMENT_SOURCE, subject: session.legacyAccountId },
      () => now,
    );
    const confirmed = await this.store.confirm(
      {
        legacyAccountId: session.legacyAccountId,
        sealedSecret: factor.sealedSecret,
        step: verification.step,
        at: now,
      },
      event,
    );
    // Another request confirmed it (or a reload replaced the secret) first: this code counts for nothing.
    return confirmed ? { kind: 'added' } : { kind: 'refused', refusal: 'totp.code-reused' };
  }
}
