import type { ProblemType } from '@rekey/problem-details';
import type { PasswordRuleCode } from './domain/password-rule-words';

/**
 * How the HTTP edge answers the password codes: a refused password is a well-formed request
 * whose content breaks a rule (422, the detail says which); an unreadable stored hash is our fault.
 */
export const passwordProblemTypes = {
  'password.too-short': { status: 422, title: 'Password too short' },
  'password.too-long': { status: 422, title: 'Password too long' },
  'password.blocklisted': { status: 422, title: 'Password too common' },
  'password.context-word': { status: 422, title: 'Password contains personal words' },
  'password.control-character': { status: 422, title: 'Password contains a control character' },
  'password.malformed-text': { status: 422, title: 'Password is not valid text' },
  'password-hash.malformed': { status: 500, title: 'Stored password hash unreadable' },
} satisfies Record<PasswordRuleCode | 'password-hash.malformed', ProblemType>;
