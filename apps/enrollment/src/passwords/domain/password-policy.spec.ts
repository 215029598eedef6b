import { passwordContextWords } from './context-words';
import { checkPassword, type PasswordCheck, type PasswordCheckContext } from './password-policy';
import { PasswordRefused } from './password.errors';

// Entries are kept in their comparable form (NFKC, lower case), as the real list's adapter does.
const blocklist = new Set(['password1234', 'iloveyou', 'qwertyuiopasdfgh', 'trustno1trustno1']);

const onlyFactor: PasswordCheckContext = { secondFactor: false, contextWords: [], blocklist };
const withTotp: PasswordCheckContext = { ...onlyFactor, secondFactor: true };

function refusalOf(check: PasswordCheck): string | undefined {
  return check.accepted ? undefined : check.refusal.code;
}

describe('checkPassword', () => {
  describe('length', () => {
    it('asks for 15 characters when the password is the only factor', () => {
      expect(refusalOf(checkPassword('fourteen chars', onlyFactor))).toBe('password.too-short');
      expect(checkPassword('fifteen chars!!', onlyFactor)).toEqual({
        accepted: true,
        password: 'fifteen chars!!',
      });
    });

    it('asks for 8 characters when the customer also enrols a second factor', () => {
      expect(refusalOf(checkPassword('seven c', withTotp))).toBe('password.too-short');
      expect(checkPassword('eight ch', withTotp)).toEqual({ accepted: true, password: 'eight ch' });
    });

    it('counts code points, not UTF-16 units: 14 emoji are 28 units but too short, 15 are enough', () => {
      const fourteen = '🔑'.repeat(14);

      expect(fourteen.length).toBe(28);
      expect(refusalOf(checkPassword(fourteen, onlyFactor))).toBe('password.too-short');
      expect(checkPassword('🔑'.repeat(15), onlyFactor).accepted).toBe(true);
    });

    it('counts after NFKC: 14 decomposed letters are 28 code points typed but 14 once composed', () => {
      const typed = 'e\u0301'.repeat(14);

      expect(refusalOf(checkPassword(typed, onlyFactor))).toBe('password.too-short');
    });

    it('counts after NFKC the other way too: a ligature expands into the letters it stands for', () => {
      // "ﬃ" is one code point typed and three once normalised: 5 × 3 = 15.
      expect(checkPassword('\ufb03'.repeat(5), onlyFactor)).toEqual({
        accepted: true,
        password: 'ffi'.repeat(5),
      });
    });

    it('accepts 64 characters and more, up to 256, and refuses 257', () => {
      expect(checkPassword('long passphrase '.repeat(4), onlyFactor).accepted).toBe(true);
      expect(checkPassword('x'.repeat(256), onlyFactor).accepted).toBe(true);
      expect(refusalOf(checkPassword('x'.repeat(257), onlyFactor))).toBe('password.too-long');
    });

    it('counts the upper bound in code points too: 256 four-byte emoji (1,024 bytes) pass, 257 do not', () => {
      expect(checkPassword('🔑'.repeat(256), onlyFactor).accepted).toBe(true);
      expect(refusalOf(checkPassword('🔑'.repeat(257), onlyFactor))).toBe('password.too-long');
    });

    it('refuses a megabyte as too long at once, without normalising it', () => {
      // Each U+FDFA is 18 code points once normalised: checking this one the long way would build
      // and scan 18 million characters, well over a second of CPU.
      const huge = '\ufdfa'.repeat(1_000_000);
      const started = performance.now();

      expect(refusalOf(checkPassword(huge, onlyFactor))).toBe('password.too-long');
      expect(performance.now() - started).toBeLessThan(250);
    });
  });

  describe('characters', () => {
    it('allows spaces, punctuation, accents, any script and emoji, with no composition rule', () => {
      for (const password of [
        'all lower case and no digits',
        '   spaces   around   ',
        'Ünïcödé façade naïve',
        'пароль для входа в систему',
        '密码是一个很长的句子吗真的是的',
        '🐙 octopus 🌊 ocean 🏝️',
      ]) {
        expect(checkPassword(password, onlyFactor)).toEqual({
          accepted: true,
          password: password.normalize('NFKC'),
        });
      }
    });

    it('refuses a control character with its own code: a tab, a line feed, a NUL, DEL, a C1 control', () => {
      for (const control of ['\t', '\n', '\r', '\u0000', '\u007f', '\u0085', '\u009b']) {
        expect(refusalOf(checkPassword(`sixteen ${control}characters`, onlyFactor))).toBe(
          'password.control-character',
        );
      }
    });

    it('refuses a lone surrogate as text it cannot read', () => {
      expect(refusalOf(checkPassword('sixteen chars \ud83d here', onlyFactor))).toBe(
        'password.malformed-text',
      );
    });

    it('returns the NFKC form: a composed and a decomposed "é" give the same password', () => {
      const composed = checkPassword('caf\u00e9 au lait sans sucre', onlyFactor);
      const decomposed = checkPassword('cafe\u0301 au lait sans sucre', onlyFactor);

      expect(composed).toEqual({ accepted: true, password: 'caf\u00e9 au lait sans sucre' });
      expect(decomposed).toEqual(composed);
    });
  });

  describe('the blocklist', () => {
    it('refuses a listed password whatever its case', () => {
      for (const password of ['password1234', 'PASSWORD1234', 'PassWord1234']) {
        expect(refusalOf(checkPassword(password, withTotp))).toBe('password.blocklisted');
      }
    });

    it('refuses a listed password typed in full-width letters, which NFKC folds to ASCII', () => {
      expect(refusalOf(checkPassword('ＰＡＳＳＷＯＲＤ１２３４', withTotp))).toBe('password.blocklisted');
    });

    it('matches whole passwords only: a listed one inside a longer passphrase is fine', () => {
      expect(checkPassword('my password1234 is not the list one', onlyFactor).accepted).toBe(true);
    });

    it('says too short before it says listed: "iloveyou" is both, with one factor', () => {
      expect(refusalOf(checkPassword('iloveyou', onlyFactor))).toBe('password.too-short');
      expect(refusalOf(checkPassword('iloveyou', withTotp))).toBe('password.blocklisted');
    });
  });

  describe('context words', () => {
    const ada: PasswordCheckContext = {
      ...onlyFactor,
      contextWords: passwordContextWords({
        names: ['Ada', 'King-Lovelace'],
        emails: ['ada.king@example.org'],
        serviceName: 'Rekey Bank',
      }),
    };

    it("refuses a password holding the customer's name, in any case", () => {
      expect(refusalOf(checkPassword('my name is LOVELACE forever', ada))).toBe('password.context-word');
      expect(refusalOf(checkPassword('the kingdom of heaven and earth', ada))).toBe('password.context-word');
    });

    it('refuses one holding the email local part or the service name', () => {
      expect(refusalOf(checkPassword('ada.king rules the world', ada))).toBe('password.context-word');
      expect(refusalOf(checkPassword('i bank with rekey every day', ada))).toBe('password.context-word');
    });

    it('ignores context words shorter than 4 characters: "ada" may appear', () => {
      expect(checkPassword('armada of small boats', ada).accepted).toBe(true);
    });

    it('compares context words in the NFKC, lower-case form, and measures them in it', () => {
      const chloe = { ...onlyFactor, contextWords: ['CHLOE\u0308'] };
      // "Zoë" typed with a combining diaeresis is 4 code points, but 3 once composed: too short to count.
      const zoe = { ...onlyFactor, contextWords: ['Zoe\u0308'] };

      expect(refusalOf(checkPassword('my friend chlo\u00eb is here', chloe))).toBe('password.context-word');
      expect(checkPassword('my friend zo\u00eb is here', zoe).accepted).toBe(true);
    });

    it('ignores empty or blank context words rather than refusing everything', () => {
      expect(
        checkPassword('a perfectly fine passphrase', { ...onlyFactor, contextWords: ['', '    '] }).accepted,
      ).toBe(true);
    });
  });

  describe('the refusal', () => {
    it('is a RekeyError whose code is the rule, whose words a page can show, and which never echoes the password', () => {
      const password = 'Secret-Lovelace-Phrase';
      const check = checkPassword(password, { ...onlyFactor, contextWords: ['Lovelace'] });

      expect(check.accepted).toBe(false);
      const refusal = (check as { refusal: PasswordRefused }).refusal;
      expect(refusal).toBeInstanceOf(PasswordRefused);
      expect(refusal).toMatchObject({ code: 'password.context-word', rule: 'password.context-word' });
      expect(refusal.detail).toMatch(/must not contain your name/);
      for (const text of [refusal.message, refusal.detail ?? '', JSON.stringify(refusal), String(refusal)]) {
        expect(text.toLowerCase()).not.toContain('secret');
        expect(text.toLowerCase()).not.toContain('lovelace');
      }
    });

    it("words the minimum after the customer's situation", () => {
      const refused = (context: PasswordCheckContext) =>
        (checkPassword('short', context) as { refusal: PasswordRefused }).refusal.detail;

      expect(refused(onlyFactor)).toContain('at least 15 characters');
      expect(refused(withTotp)).toContain('at least 8 characters');
    });
  });
});
