import { RekeyError } from '@rekey/problem-details';

/**
 * A stored password hash this service cannot read: not a PHC string, another algorithm or
 * version, parameters out of bounds, bad base64. The reason names what is wrong, never the
 * string's content (it holds a salt and a hash, which stay out of logs).
 */
export class MalformedPasswordHash extends RekeyError {
  constructor(readonly reason: string) {
    super('password-hash.malformed', `stored password hash is unreadable: ${reason}`);
  }
}
