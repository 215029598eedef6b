import { inspect } from 'node:util';
import { Secret, TOTP, URI } from 'otpauth';
import {
  newTotpSecret,
  TOTP_SECRET_BYTES,
  totpCodeAt,
  TotpSecret,
  totpSecretForTyping,
  totpStepAt,
  totpUri,
} from './totp-secret';

/** RFC 6238 Appendix B's SHA-1 seed. */
const rfcSeed = TotpSecret.fromBytes(Buffer.from('12345678901234567890', 'ascii'));
const counting = (size: number) => Buffer.from(Array.from({ length: size }, (_, index) => index + 1));

describe('newTotpSecret', () => {
  it('takes 160 bits from the randomness port', () => {
    const secret = newTotpSecret(counting);
    expect(secret.bytes()).toEqual(counting(TOTP_SECRET_BYTES));
    expect(secret.bytes()).toHaveLength(20);
  });

  it('refuses a randomness port that gives fewer bytes than asked', () => {
    expect(() => newTotpSecret(() => Buffer.alloc(10))).toThrow(RangeError);
  });

  it('gives a different secret for different random bytes', () => {
    const other = newTotpSecret((size) => Buffer.alloc(size, 7));
    expect(other.base32()).not.toEqual(newTotpSecret(counting).base32());
  });
});

describe('a TotpSecret', () => {
  it('shows no byte of itself in logs, JSON or string interpolation', () => {
    const secret = newTotpSecret(counting);
    const shown = [
      String(secret),
      `${secret}`,
      JSON.stringify({ secret }),
      inspect(secret),
      inspect({ nested: { secret } }),
    ];
    for (const text of shown) {
      expect(text).not.toContain(secret.base32());
      expect(text).not.toContain(secret.bytes().toString('hex'));
      expect(text).toContain('[TotpSecret]');
    }
  });

  it('hands out copies of its bytes', () => {
    const secret = newTotpSecret(counting);
    secret.bytes().fill(0);
    expect(secret.bytes()).toEqual(counting(20));
  });

  it('refuses keys shorter than the 128 bits RFC 4226 requires', () => {
    expect(() => TotpSecret.fromBytes(Buffer.alloc(15))).toThrow(RangeError);
    expect(() => TotpSecret.fromBytes(Buffer.alloc(16))).not.toThrow();
  });

  it('reads in base32 without padding, as authenticator apps take it', () => {
    expect(rfcSeed.base32()).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('keeps its bytes when it comes from a slice of a pooled buffer', () => {
    const pooled = Buffer.from('xxxx12345678901234567890yyyy', 'ascii').subarray(4, 24);
    expect(totpCodeAt(TotpSecret.fromBytes(pooled), new Date(59_000))).toBe('287082');
  });
});

describe('totpUri', () => {
  const secret = newTotpSecret(counting);

  it('names the issuer and the label and spells out SHA-1, 6 digits and 30 seconds', () => {
    const uri = totpUri(secret, { issuer: 'Rekey', accountLabel: 'Account 7F3K' });
    const parsed = URI.parse(uri);
    expect(uri.startsWith('otpauth://totp/Rekey:Account%207F3K?')).toBe(true);
    expect(parsed).toBeInstanceOf(TOTP);
    expect(parsed).toMatchObject({
      issuer: 'Rekey',
      label: 'Account 7F3K',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
    expect(parsed.secret.base32).toBe(secret.base32());
    const query = new URL(uri).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      issuer: 'Rekey',
      secret: secret.base32(),
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });

  it('gives an app the codes the service verifies', () => {
    const app = URI.parse(totpUri(secret, { issuer: 'Rekey', accountLabel: 'Account' })) as TOTP;
    const now = new Date('2026-12-02T07:00:10Z');
    expect(app.generate({ timestamp: now.getTime() })).toBe(totpCodeAt(secret, now));
  });

  it('encodes an issuer from configuration with spaces and accents', () => {
    const uri = totpUri(secret, { issuer: 'Banque Été', accountLabel: 'Compte' });
    expect(URI.parse(uri).issuer).toBe('Banque Été');
  });

  it('refuses a colon or an empty value, which the key URI format cannot carry', () => {
    expect(() => totpUri(secret, { issuer: 'Re:key', accountLabel: 'Account' })).toThrow(RangeError);
    expect(() => totpUri(secret, { issuer: 'Rekey', accountLabel: 'a:b' })).toThrow(RangeError);
    expect(() => totpUri(secret, { issuer: ' ', accountLabel: 'Account' })).toThrow(RangeError);
  });

  it('refuses an email address as the label: the app must not say whose factor it is', () => {
    expect(() => totpUri(secret, { issuer: 'Rekey', accountLabel: 'ada@example.test' })).toThrow(/no email/);
  });
});

describe('totpCodeAt', () => {
  // RFC 6238 Appendix B, SHA-1: the eight-digit values end in the six-digit codes.
  it.each([
    [59, 1, '94287082'],
    [1_111_111_109, 37_037_036, '07081804'],
    [1_111_111_111, 37_037_037, '14050471'],
    [1_234_567_890, 41_152_263, '89005924'],
    [2_000_000_000, 66_666_666, '69279037'],
    [20_000_000_000, 666_666_666, '65353130'],
  ])('gives the RFC 6238 code at %i s (step %i)', (seconds, step, eightDigits) => {
    const now = new Date(seconds * 1000);
    expect(totpStepAt(now)).toBe(step);
    expect(totpCodeAt(rfcSeed, now)).toBe(eightDigits.slice(2));
    expect(
      TOTP.generate({
        secret: Secret.fromLatin1('12345678901234567890'),
        digits: 8,
        timestamp: seconds * 1000,
      }),
    ).toBe(eightDigits);
  });
});

describe('totpSecretForTyping', () => {
  it('groups the base32 secret by four', () => {
    expect(totpSecretForTyping(rfcSeed)).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
  });

  it('types back to the same secret once the spaces are gone', () => {
    const secret = newTotpSecret(counting);
    expect(Secret.fromBase32(totpSecretForTyping(secret).replace(/ /g, '')).hex.toLowerCase()).toBe(
      secret.bytes().toString('hex'),
    );
  });
});
