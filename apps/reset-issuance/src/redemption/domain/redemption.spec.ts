import { formatResetCode, hashResetCode, resetCodeOf } from '../../tokens/domain/reset-code';
import { hashResetToken } from '../../tokens/domain/reset-token';
import { failureReasonOf, presentedCredentialOf, presentedTokenOf, type TokenOnRecord } from './redemption';

const aToken = (overrides: Partial<TokenOnRecord> = {}): TokenOnRecord => ({
  tokenId: 'c9b0cbe4-27b5-4d3c-9d73-0f1a1c1f5b01',
  journeyId: 'a2f3e0a4-0d6c-4b8e-8d0e-5f1a3c2b1a00',
  legacyAccountId: 'legacy-1',
  waveId: '3f0e7c6a-9b1d-4c2e-8f3a-1b2c3d4e5f60',
  status: 'live',
  channelKind: 'email',
  expired: false,
  held: false,
  fraudFlagged: false,
  targetAccountId: 'target-1',
  segments: ['standard'],
  verifiedContacts: [],
  enrolment: {
    wave: { cutoffAt: new Date('2026-06-08T00:00:00Z') },
    account: { segment: 'standard', segments: ['standard'] },
  },
  ...overrides,
});

describe('why a redemption failed', () => {
  it('names unknown, superseded, used and expired tokens', () => {
    expect(failureReasonOf(undefined)).toBe('unknown');
    expect(failureReasonOf(aToken({ status: 'superseded' }))).toBe('superseded');
    expect(failureReasonOf(aToken({ status: 'redeemed' }))).toBe('already_used');
    expect(failureReasonOf(aToken({ status: 'expired' }))).toBe('expired');
    expect(failureReasonOf(aToken({ expired: true }))).toBe('expired');
  });

  it('names a hold on an otherwise usable token', () => {
    expect(failureReasonOf(aToken({ held: true }))).toBe('held');
  });

  it('counts a live token that still failed as used by a concurrent request', () => {
    expect(failureReasonOf(aToken())).toBe('already_used');
  });
});

describe('the presented token', () => {
  it('is the token field of a form or JSON body, bounded', () => {
    expect(presentedTokenOf({ token: 'abc' })).toBe('abc');
    expect(presentedTokenOf({ token: 'x'.repeat(10_000) })).toHaveLength(256);
  });

  it('is empty when missing or not a string, which then fails like an unknown token', () => {
    expect(presentedTokenOf(undefined)).toBe('');
    expect(presentedTokenOf({ token: ['a'] })).toBe('');
    expect(presentedTokenOf('token=abc')).toBe('');
  });
});

describe('the presented credential', () => {
  it('is the token when the form carries one, whatever the code field says', () => {
    expect(presentedCredentialOf({ token: 'abc', code: 'x' })).toEqual({
      kind: 'token',
      hash: hashResetToken('abc'),
    });
    expect(presentedCredentialOf({})).toEqual({ kind: 'token', hash: hashResetToken('') });
  });

  it('is the typed code, read as its canonical form, when there is no token', () => {
    const code = resetCodeOf('some-token');
    const typed = formatResetCode(code).toLowerCase();
    expect(presentedCredentialOf({ token: '', code: typed })).toEqual({
      kind: 'code',
      hash: hashResetCode(code),
    });
  });

  it('hashes a value that is no code as typed, which no stored code digest matches', () => {
    const presented = presentedCredentialOf({ code: 'not a code' });
    expect(presented.kind).toBe('code');
    expect(presented.hash).toEqual(hashResetCode('not a code'));
  });
});
