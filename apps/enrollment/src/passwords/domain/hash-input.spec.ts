import { hashInputOf } from './hash-input';
import { PasswordRefused } from './password.errors';

describe('hashInputOf', () => {
  it('gives the UTF-8 bytes of the NFKC form', () => {
    expect(hashInputOf('cafe\u0301')).toEqual(Buffer.from('caf\u00e9', 'utf8'));
    expect(hashInputOf('ｋｅｙ 🔑')).toEqual(Buffer.from('key 🔑', 'utf8'));
  });

  it('takes 1,024 bytes and refuses 1,025, counted after normalising', () => {
    expect(hashInputOf('é'.repeat(512))).toHaveLength(1_024);
    expect(hashInputOf(`${'é'.repeat(512)}x`)).toMatchObject({ code: 'password.too-long' });
    // Each "ﬀ" is 3 bytes typed but "ff", 2 bytes, once normalised.
    expect(hashInputOf('\ufb00'.repeat(512))).toHaveLength(1_024);
  });

  it('refuses a lone surrogate rather than hash U+FFFD in its place', () => {
    const refused = hashInputOf('abc\udc00def');

    expect(refused).toBeInstanceOf(PasswordRefused);
    expect(refused).toMatchObject({ code: 'password.malformed-text' });
  });
});
