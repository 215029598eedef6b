import { checkPassword } from './password-policy';
import { enrolmentContextWords } from './enrolment-context-words';

const blocklist = { has: () => false };

function refusalOf(password: string, words: string[]): string | undefined {
  const check = checkPassword(password, { secondFactor: false, contextWords: words, blocklist });
  return check.accepted ? undefined : check.refusal.code;
}

describe('enrolmentContextWords', () => {
  it('refuses the target account id, its pieces and the service name', () => {
    const words = enrolmentContextWords({ targetAccountId: 'T-884213' }, 'Rekey');
    expect(words).toEqual(expect.arrayContaining(['T-884213', '884213', 'Rekey']));
    expect(refusalOf('my number is 884213 forever', words)).toBe('password.context-word');
    expect(refusalOf('rekey rekey rekey rekey', words)).toBe('password.context-word');
    expect(refusalOf('a quiet octopus paints the harbour', words)).toBeUndefined();
  });

  it('takes the names and email local parts once they are known', () => {
    const words = enrolmentContextWords(
      { targetAccountId: 'T-1', names: ['Ada King-Lovelace'], emails: ['ada.lovelace@example.com'] },
      'Rekey',
    );
    expect(refusalOf('lovelace was first to code', words)).toBe('password.context-word');
    expect(words).not.toContain('example.com');
  });
});
