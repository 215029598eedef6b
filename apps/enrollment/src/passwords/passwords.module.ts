import { Module } from '@nestjs/common';
import { registerProblemTypes } from '@rekey/problem-details';
import { Argon2idPasswordHasher } from './adapters/argon2id-password-hasher.adapter';
import { loadPasswordBlocklist } from './adapters/password-blocklist';
import { PASSWORD_BLOCKLIST } from './password-blocklist.port';
import { PASSWORD_HASHER } from './password-hasher.port';
import { passwordProblemTypes } from './passwords.problem-types';

registerProblemTypes(passwordProblemTypes);

/**
 * Binds the password ports to their adapters for the pages and sign-in that use them. The
 * blocklist is read while the application starts (an async provider), so the first customer to
 * choose a password does not wait for it, and a missing list stops the start-up instead of
 * letting every password through.
 */
@Module({
  providers: [
    { provide: PASSWORD_HASHER, useFactory: () => new Argon2idPasswordHasher() },
    { provide: PASSWORD_BLOCKLIST, useFactory: loadPasswordBlocklist },
  ],
  exports: [PASSWORD_HASHER, PASSWORD_BLOCKLIST],
})
export class PasswordsModule {}
