import { Inject, Injectable } from '@nestjs/common';
import type { SessionWithEnrolment } from '../sessions/enrolment-session-store.port';
import { isFinished } from '../enrolments/domain/enrolment';
import { PasskeyRefused } from './domain/passkey.errors';
import { PasskeyOptions, type CeremonyStep } from './passkey-options';
import { PASSKEY_STORE, type PasskeyStore } from './passkey-store.port';

/**
 * The next ceremony of the enrolment: registration, or, once a passkey is registered but not yet
 * proven (the customer left or the service restarted in between), the proving sign-in with it, so
 * nobody registers twice.
 */
@Injectable()
export class BeginPasskeyCeremony {
  constructor(
    private readonly options: PasskeyOptions,
    @Inject(PASSKEY_STORE) private readonly passkeys: PasskeyStore,
  ) {}

  async execute({ session, enrolment }: SessionWithEnrolment): Promise<CeremonyStep> {
    if (isFinished(enrolment)) throw new PasskeyRefused('finished');
    if (enrolment.status === 'credential_registered') {
      const unproven = (await this.passkeys.credentialsOf(enrolment.legacyAccountId)).some(
        (credential) => !credential.provenAt,
      );
      if (unproven) return this.options.proof(enrolment, session.hash);
    }
    return this.options.registration(enrolment, session.hash);
  }
}
