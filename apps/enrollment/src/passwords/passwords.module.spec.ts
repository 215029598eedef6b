import { Test } from '@nestjs/testing';
import { problemTypeOf } from '@rekey/problem-details';
import { Argon2idPasswordHasher } from './adapters/argon2id-password-hasher.adapter';
import { checkPassword } from './domain/password-policy';
import { PASSWORD_BLOCKLIST, type PasswordBlocklist } from './password-blocklist.port';
import { PASSWORD_HASHER, type PasswordHasher } from './password-hasher.port';
import { PasswordsModule } from './passwords.module';

describe('PasswordsModule', () => {
  it('provides the argon2id hasher and the shipped blocklist, and registers the password problem types', async () => {
    const module = await Test.createTestingModule({ imports: [PasswordsModule] }).compile();
    const hasher = module.get<PasswordHasher>(PASSWORD_HASHER);
    const blocklist = module.get<PasswordBlocklist>(PASSWORD_BLOCKLIST);

    expect(hasher).toBeInstanceOf(Argon2idPasswordHasher);
    const check = checkPassword('Password1234', { secondFactor: true, contextWords: [], blocklist });
    expect(check.accepted ? 'accepted' : check.refusal.code).toBe('password.blocklisted');
    const stored = await hasher.hash('a quiet octopus paints the harbour');
    expect(await hasher.verify(stored, 'a quiet octopus paints the harbour')).toBe(true);
    expect(problemTypeOf('password.blocklisted')).toEqual({ status: 422, title: 'Password too common' });
    await module.close();
  }, 60_000);
});
