import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import { MAX_CONSECUTIVE_FAILURES } from '../sign-in/domain/sign-in-rules';
import { SignInNotLocked } from './domain/sign-in-lock.errors';
import { SIGN_IN_LOCK_STORE, type SignInLockStore } from './sign-in-lock-store.port';

/**
 * Support lifts a lockout (NIST SP 800-63B §5.2.2: the customer proved who they are some other
 * way): the failure count resets, and who did it is stored, logged and published for the audit log.
 */
@Injectable()
export class ReleaseSignInLock {
  constructor(
    @Inject(SIGN_IN_LOCK_STORE) private readonly store: SignInLockStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(legacyAccountId: string, operatorSubject: string): Promise<void> {
    const releasedAt = this.clock.now();
    const released = await this.store.release(
      { legacyAccountId, releasedBy: operatorSubject, releasedAt },
      MAX_CONSECUTIVE_FAILURES,
    );
    if (!released) throw new SignInNotLocked();
    this.logger.info(
      { action: 'sign_in_lock_released', legacyAccountId, operator: operatorSubject },
      'sign-in lock released',
    );
  }
}
