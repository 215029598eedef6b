import { acceptsCodes, type StepUpChallenge } from './step-up-challenge';

const aChallenge = (overrides: Partial<StepUpChallenge> = {}): StepUpChallenge => ({
  id: 'c1',
  journeyId: 'j1',
  legacyAccountId: 'legacy-1',
  waveId: 'w1',
  targetAccountId: 't1',
  method: 'one_time_passcode',
  reasons: ['privileged'],
  attempts: 0,
  maxAttempts: 5,
  status: 'pending',
  expiresAt: new Date('2026-06-01T12:10:00Z'),
  expired: false,
  enrolment: {
    wave: { cutoffAt: new Date('2026-06-08T00:00:00Z') },
    account: { segment: 'privileged', segments: ['privileged'] },
  },
  superseded: false,
  ...overrides,
});

describe('a step-up challenge', () => {
  it('takes codes while pending, unexpired, with tries left and not replaced', () => {
    expect(acceptsCodes(aChallenge())).toBe(true);
  });

  it('takes none once a new link or a newer challenge replaced it, or once it is over', () => {
    expect(acceptsCodes(aChallenge({ superseded: true }))).toBe(false);
    expect(acceptsCodes(aChallenge({ expired: true }))).toBe(false);
    expect(acceptsCodes(aChallenge({ status: 'locked' }))).toBe(false);
    expect(acceptsCodes(aChallenge({ attempts: 5 }))).toBe(false);
    expect(acceptsCodes(aChallenge({ method: 'support_proofing', status: 'support_required' }))).toBe(false);
  });
});
