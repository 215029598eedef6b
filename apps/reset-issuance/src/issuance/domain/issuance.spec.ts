import { randomBytes } from 'node:crypto';
import { generateResetToken, hashResetToken } from '../../tokens/domain/reset-token';
import { TokenSealer } from '../../tokens/domain/sealed-token';
import { deliveryChannel } from './delivery-channel';
import { prepareLinks, type LinkTarget } from './issuance';
import { decideReissue, type ReissueCandidate } from './reissue-policy';

const now = new Date('2026-12-01T09:00:00Z');
const target: LinkTarget = {
  journeyId: 'j-1',
  legacyAccountId: 'L-1',
  waveId: 'w-1',
  linkLifetimeMinutes: 30,
  contacts: [
    { kind: 'sms', value: '+33612345678' },
    { kind: 'email', value: 'jane@example.com' },
  ],
};

describe('deliveryChannel', () => {
  it('prefers email and falls back to SMS', () => {
    expect(deliveryChannel(target.contacts)).toEqual({ kind: 'email', value: 'jane@example.com' });
    expect(deliveryChannel([{ kind: 'sms', value: '+33612345678' }])?.kind).toBe('sms');
    expect(deliveryChannel([])).toBeUndefined();
  });
});

describe('prepareLinks', () => {
  const sealer = new TokenSealer(randomBytes(32));
  const secret = generateResetToken();
  let ids = 0;
  const factory = {
    newId: () => `i-${++ids}`,
    newToken: () => secret,
    sealAll: (tokens: readonly string[]) => sealer.sealAll(tokens),
  };

  it('stores the hash and a sealed copy, never the token, and expires after the wave lifetime', () => {
    const [link] = prepareLinks([{ ...target, liveTokenId: 'i-0' }], 'wave', now, factory);
    expect(link!.token).toBe(secret);
    expect(link!.issuance.tokenHash).toEqual(hashResetToken(secret));
    expect(JSON.stringify(link!.issuance)).not.toContain(secret);
    // Sealed, for a resend of the same link after a crash; it opens against the hash on file.
    expect(sealer.open(link!.issuance.sealedToken, link!.issuance.tokenHash)).toBe(secret);
    expect(link!.issuance.expiresAt).toEqual(new Date('2026-12-01T09:30:00Z'));
    expect(link!.issuance.supersedes).toBe('i-0');
  });

  it('issues nothing to an account without a verified channel, and links the others', () => {
    const links = prepareLinks([{ ...target, contacts: [] }, target], 'wave', now, factory);
    expect(links.map((link) => link.issuance.legacyAccountId)).toEqual(['L-1']);
  });
});

describe('decideReissue', () => {
  const candidate: ReissueCandidate = {
    journeyStatus: 'expired',
    waveStartsAt: new Date('2026-11-30T09:00:00Z'),
    waveCutoffAt: new Date('2026-12-20T09:00:00Z'),
    held: false,
    lastIssuedAt: new Date('2026-12-01T08:00:00Z'),
  };

  it('issues for an expired or unspent link past the cooldown', () => {
    expect(decideReissue(candidate, now, 300)).toBe('issued');
    expect(decideReissue({ ...candidate, journeyStatus: 'issued' }, now, 300)).toBe('issued');
    // A step-up that did not pass (locked, expired, support proofing) can start over with a new link.
    expect(decideReissue({ ...candidate, journeyStatus: 'step_up_required' }, now, 300)).toBe('issued');
  });

  it('waits out the cooldown', () => {
    expect(decideReissue({ ...candidate, lastIssuedAt: new Date('2026-12-01T08:58:00Z') }, now, 300)).toBe(
      'cooldown',
    );
  });

  it('sends nothing to a held account, a redeemed journey or outside the wave window', () => {
    expect(decideReissue({ ...candidate, held: true }, now, 300)).toBe('held');
    expect(decideReissue({ ...candidate, journeyStatus: 'redeemed' }, now, 300)).toBe('not_open');
    expect(decideReissue({ ...candidate, journeyStatus: 'awaiting_issue' }, now, 300)).toBe('not_open');
    expect(decideReissue(candidate, new Date('2026-12-21T00:00:00Z'), 300)).toBe('not_open');
  });
});
