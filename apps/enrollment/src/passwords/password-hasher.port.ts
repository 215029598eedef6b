export const PASSWORD_HASHER = Symbol('PasswordHasher');

/**
 * Turns a password into what the database keeps, and checks one against it. Both sides take the
 * password as typed and hash its NFKC form, so the sign-in path cannot forget to normalise.
 */
export interface PasswordHasher {
  /**
   * A self-describing hash (a PHC string: algorithm, parameters, salt, hash) under the current
   * parameters, with a fresh random salt. Throws PasswordRefused (`password.too-long` above
   * MAXIMUM_UTF8_BYTES, `password.malformed-text` for a lone surrogate): checkPassword, which
   * runs first, refuses both already.
   */
  hash(password: string): Promise<string>;
  /**
   * Whether the password is the one the stored hash was made from, compared in constant time.
   * A password the hasher could not have hashed (too long, a lone surrogate) is simply not it. Throws MalformedPasswordHash when the
   * stored string cannot be read: that is a fault in the data, not a wrong password.
   */
  verify(storedHash: string, password: string): Promise<boolean>;
  /**
   * Whether a stored hash was made with other parameters than today's: after a successful
   * verify, the caller hashes the password again and stores the new one. Throws
   * MalformedPasswordHash as verify does.
   */
  needsRehash(storedHash: string): boolean;
}
