import { registerProblemTypes } from '@rekey/problem-details';
import { PASSWORD_RULE_CODES } from './domain/password-rule-words';
import { passwordProblemTypes } from './passwords.problem-types';

describe('passwordProblemTypes', () => {
  it('answers every password rule with 422, and an unreadable stored hash as our own fault', () => {
    for (const code of PASSWORD_RULE_CODES) expect(passwordProblemTypes[code].status).toBe(422);
    expect(passwordProblemTypes['password-hash.malformed'].status).toBe(500);
  });

  it('is accepted by the problem-details registry', () => {
    expect(() => registerProblemTypes(passwordProblemTypes)).not.toThrow();
  });
});
