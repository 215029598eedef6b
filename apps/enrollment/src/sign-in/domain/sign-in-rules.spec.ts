import {
  isLockedOut,
  judgePasswordSignIn,
  MAX_CONSECUTIVE_FAILURES,
  type PasswordAccount,
} from './sign-in-rules';

const now = new Date('2026-09-01T10:00:00Z');
const anAccount = (overrides: Partial<PasswordAccount> = {}): PasswordAccount => ({
  legacyAccountId: 'legacy-1',
  targetAccountId: 'target-1',
  passwordHash: '$argon2id$...',
  bridgeEndsAt: new Date('2026-10-01T00:00:00Z'),
  hasTotp: false,
  consecutiveFailures: 0,
  ...overrides,
});
const right = { passwordMatches: true, totp: 'absent' } as const;

describe('password sign-in rules', () => {
  it('signs a bridging password in alone at AAL1 before the bridge ends', () => {
    expect(judgePasswordSignIn(anAccount(), right, now)).toEqual({
      kind: 'signed_in',
      assuranceLevel: 'aal1',
      methods: ['password'],
    });
  });

  it('refuses the right password alone once the bridge has ended, saying so', () => {
    const ended = anAccount({ bridgeEndsAt: new Date('2026-09-01T10:00:00Z') });
    expect(judgePasswordSignIn(ended, right, now)).toEqual({ kind: 'bridge_ended' });
  });

  it('needs the code of an account with a TOTP factor, and signs in at AAL2 with both', () => {
    const withTotp = anAccount({ hasTotp: true, bridgeEndsAt: new Date('2020-01-01T00:00:00Z') });
    expect(judgePasswordSignIn(withTotp, right, now)).toEqual({ kind: 'refused', countsAsFailure: true });
    expect(judgePasswordSignIn(withTotp, { passwordMatches: true, totp: 'refused' }, now).kind).toBe(
      'refused',
    );
    expect(judgePasswordSignIn(withTotp, { passwordMatches: true, totp: 'accepted' }, now)).toEqual({
      kind: 'signed_in',
      assuranceLevel: 'aal2',
      methods: ['password', 'totp'],
    });
  });

  it('counts a wrong password as a failure, before the bridge end says anything', () => {
    const ended = anAccount({ bridgeEndsAt: new Date('2020-01-01T00:00:00Z') });
    expect(judgePasswordSignIn(ended, { passwordMatches: false, totp: 'absent' }, now)).toEqual({
      kind: 'refused',
      countsAsFailure: true,
    });
  });

  it('refuses an account without a password, as a wrong password', () => {
    expect(judgePasswordSignIn(anAccount({ passwordHash: undefined }), right, now).kind).toBe('refused');
  });

  it('locks after 100 consecutive failures: even the right factors are refused, and no longer counted', () => {
    expect(isLockedOut(MAX_CONSECUTIVE_FAILURES - 1)).toBe(false);
    expect(isLockedOut(MAX_CONSECUTIVE_FAILURES)).toBe(true);
    const locked = anAccount({ consecutiveFailures: MAX_CONSECUTIVE_FAILURES });
    expect(judgePasswordSignIn(locked, right, now)).toEqual({ kind: 'refused', countsAsFailure: false });
  });

  it('signs in with the password and a recovery code at AAL2, even after the bridge end', () => {
    const ended = anAccount({ bridgeEndsAt: new Date('2020-01-01T00:00:00Z'), hasTotp: true });
    expect(judgePasswordSignIn(ended, { ...right, recoveryCode: 'accepted' }, now)).toEqual({
      kind: 'signed_in',
      assuranceLevel: 'aal2',
      methods: ['password', 'recovery_code'],
    });
    expect(
      judgePasswordSignIn(ended, { passwordMatches: false, totp: 'absent', recoveryCode: 'accepted' }, now),
    ).toEqual({ kind: 'refused', countsAsFailure: true });
    expect(judgePasswordSignIn(ended, { ...right, recoveryCode: 'refused' }, now).kind).toBe('refused');
  });

  it('lets a passkey-only account in with a recovery code alone, at AAL1', () => {
    const passkeyOnly = anAccount({ passwordHash: undefined, bridgeEndsAt: undefined });
    expect(
      judgePasswordSignIn(
        passkeyOnly,
        { passwordMatches: false, totp: 'absent', recoveryCode: 'accepted' },
        now,
      ),
    ).toEqual({ kind: 'signed_in', assuranceLevel: 'aal1', methods: ['recovery_code'] });
  });
});
