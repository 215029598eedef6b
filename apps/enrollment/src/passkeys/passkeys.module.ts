import { Module } from '@nestjs/common';
import { registerProblemTypes } from '@rekey/problem-details';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { EnrolmentsModule } from '../enrolments/enrolments.module';
import { HoldsModule } from '../holds/holds.module';
import { SessionsModule } from '../sessions/sessions.module';
import { PgPasskeyStore } from './adapters/pg-passkey-store.adapter';
import { BeginPasskeyCeremony } from './begin-passkey-ceremony';
import { passkeyProblemTypes } from './domain/passkey.errors';
import { FinishPasskeyProof } from './finish-passkey-proof';
import { FinishPasskeyRegistration } from './finish-passkey-registration';
import { PasskeyOptions } from './passkey-options';
import { PASSKEY_STORE } from './passkey-store.port';
import { PasskeyCeremonyController, PasskeyPageController } from './passkeys.controller';
import type { WebAuthnConfig } from './webauthn.environment';
import { loadWebAuthnPolicy, WEBAUTHN_POLICY } from './webauthn-policy.provider';

registerProblemTypes(passkeyProblemTypes);

/** Passkey registration and its proving sign-in. */
@Module({
  imports: [SessionsModule, HoldsModule, EnrolmentsModule],
  controllers: [PasskeyPageController, PasskeyCeremonyController],
  providers: [
    PasskeyOptions,
    BeginPasskeyCeremony,
    FinishPasskeyRegistration,
    FinishPasskeyProof,
    { provide: PASSKEY_STORE, useClass: PgPasskeyStore },
    {
      provide: WEBAUTHN_POLICY,
      useFactory: (config: WebAuthnConfig) => loadWebAuthnPolicy(config),
      inject: [SERVICE_CONFIG],
    },
  ],
  exports: [WEBAUTHN_POLICY, PASSKEY_STORE],
})
export class PasskeysModule {}
