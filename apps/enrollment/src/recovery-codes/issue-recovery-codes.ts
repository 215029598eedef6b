import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import type { Enrolment } from '../enrolments/domain/enrolment';
import { newRecoveryCodeSet } from './domain/recovery-codes';
import { RECOVERY_CODE_STORE, type RecoveryCodeStore } from './recovery-code-store.port';

/**
 * A new set of ten codes for the account (after enrolment, or regenerated after a sign-in), replacing any earlier set in the same step: the codes
 * go to the page once, only their digests are stored.
 */
@Injectable()
export class IssueRecoveryCodes {
  constructor(
    @Inject(RECOVERY_CODE_STORE) private readonly codes: RecoveryCodeStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(enrolment: Pick<Enrolment, 'legacyAccountId'>): Promise<string[]> {
    const set = newRecoveryCodeSet(randomBytes);
    await this.codes.replace(enrolment.legacyAccountId, set.digests, this.clock.now());
    return set.codes;
  }
}
