import { TotpCodeRefused } from './totp.errors';
import { totpCodeForStep, totpStepAt, TotpSecret } from './totp-secret';
import { normaliseTotpCode, verifyTotpCode } from './totp-verification';

const rfcSeed = TotpSecret.fromBytes(Buffer.from('12345678901234567890', 'ascii'));
// RFC 6238's 1111111111 s: step 37037037, code 050471 (of 14050471).
const now = new Date(1_111_111_111_000);
const step = totpStepAt(now);
const codeOf = (offset: number) => totpCodeForStep(rfcSeed, step + offset);

describe('verifyTotpCode', () => {
  it('accepts the RFC 6238 code of the current step and returns that step', () => {
    expect(verifyTotpCode(rfcSeed, '050471', { now })).toEqual({ accepted: true, step: 37_037_037 });
  });

  it.each([
    [59_000, '287082', 1],
    [1_234_567_890_000, '005924', 41_152_263],
    [20_000_000_000_000, '353130', 666_666_666],
  ])('accepts the RFC 6238 code at %i ms', (milliseconds, code, expectedStep) => {
    expect(verifyTotpCode(rfcSeed, code, { now: new Date(milliseconds) })).toEqual({
      accepted: true,
      step: expectedStep,
    });
  });

  it('accepts a code one step behind or ahead, returning the step it belongs to', () => {
    expect(verifyTotpCode(rfcSeed, codeOf(-1), { now })).toEqual({ accepted: true, step: step - 1 });
    expect(verifyTotpCode(rfcSeed, codeOf(1), { now })).toEqual({ accepted: true, step: step + 1 });
  });

  it('refuses a code two steps behind or ahead as incorrect', () => {
    expect(verifyTotpCode(rfcSeed, codeOf(-2), { now })).toEqual({
      accepted: false,
      refusal: 'totp.code-incorrect',
    });
    expect(verifyTotpCode(rfcSeed, codeOf(2), { now })).toEqual({
      accepted: false,
      refusal: 'totp.code-incorrect',
    });
  });

  it('refuses a code of another secret', () => {
    const other = TotpSecret.fromBytes(Buffer.alloc(20, 9));
    const code = totpCodeForStep(other, step);
    expect(code).not.toBe(codeOf(0));
    expect(verifyTotpCode(rfcSeed, code, { now })).toEqual({
      accepted: false,
      refusal: 'totp.code-incorrect',
    });
  });

  it('refuses the same code again once its step is stored as the last used one', () => {
    const first = verifyTotpCode(rfcSeed, codeOf(0), { now });
    expect(first).toEqual({ accepted: true, step });
    const lastUsedStep = first.accepted ? first.step : -1;
    expect(verifyTotpCode(rfcSeed, codeOf(0), { now, lastUsedStep })).toEqual({
      accepted: false,
      refusal: 'totp.code-reused',
    });
  });

  it('refuses an older code in the window once a later step was used', () => {
    expect(verifyTotpCode(rfcSeed, codeOf(-1), { now, lastUsedStep: step })).toEqual({
      accepted: false,
      refusal: 'totp.code-reused',
    });
  });

  it('treats a null last step, as a database column reads back, as no code used yet', () => {
    expect(verifyTotpCode(rfcSeed, codeOf(0), { now, lastUsedStep: null })).toEqual({ accepted: true, step });
  });

  it('throws rather than skip the replay check when the last step is not an integer', () => {
    const lastUsedStep = String(step) as unknown as number;
    expect(() => verifyTotpCode(rfcSeed, codeOf(0), { now, lastUsedStep })).toThrow(TypeError);
    expect(() => verifyTotpCode(rfcSeed, codeOf(0), { now, lastUsedStep: Number.NaN })).toThrow(TypeError);
  });

  it('accepts the next step after the last used one', () => {
    expect(verifyTotpCode(rfcSeed, codeOf(1), { now, lastUsedStep: step })).toEqual({
      accepted: true,
      step: step + 1,
    });
  });

  it('refuses a wrong code as incorrect, not as reused, whatever was used before', () => {
    expect(verifyTotpCode(rfcSeed, '000000', { now, lastUsedStep: step })).toEqual({
      accepted: false,
      refusal: 'totp.code-incorrect',
    });
  });

  it('accepts a code typed with the spaces apps show or a paste brings', () => {
    const code = codeOf(0);
    const spaced = ` ${code.slice(0, 3)} ${code.slice(3)}\n`;
    expect(verifyTotpCode(rfcSeed, spaced, { now })).toEqual({ accepted: true, step });
  });

  it.each([
    ['letters', '05o471'],
    ['a sign', '-50471'],
    ['five digits', '05047'],
    ['seven digits', '0504710'],
    ['nothing', ''],
    ['spaces only', '      '],
    ['non-ASCII digits', '٠٥٠٤٧١'],
    ['full-width digits', '０５０４７１'],
    ['a huge input', `050471${' '.repeat(10_000)}`],
  ])('refuses %s as malformed, distinctly from a wrong code', (_, input) => {
    expect(verifyTotpCode(rfcSeed, input, { now })).toEqual({
      accepted: false,
      refusal: 'totp.code-malformed',
    });
  });
});

describe('normaliseTotpCode', () => {
  it('keeps six digits and drops whitespace', () => {
    expect(normaliseTotpCode('\t123 456 ')).toBe('123456');
    expect(normaliseTotpCode('12345a')).toBeUndefined();
  });
});

describe('TotpCodeRefused', () => {
  it.each(['totp.code-malformed', 'totp.code-incorrect', 'totp.code-reused'] as const)(
    'carries %s as its stable code, with a detail that echoes no code',
    (refusal) => {
      const error = new TotpCodeRefused(refusal);
      expect(error.code).toBe(refusal);
      expect(error.detail).toBeDefined();
      expect(`${error.message} ${error.detail}`).not.toMatch(/\d{6}/);
    },
  );
});
