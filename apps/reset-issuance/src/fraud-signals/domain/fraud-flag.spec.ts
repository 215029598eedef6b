import type { FraudSignalRaisedV1 } from '@rekey/contracts';
import { fraudFlagFromSignal } from './fraud-flag';

const raisedAt = new Date('2026-03-01T10:00:00Z');

function aSignal(overrides: Partial<FraudSignalRaisedV1> = {}): FraudSignalRaisedV1 {
  return {
    signalId: '0190a4c8-1f2e-7a3b-8c4d-5e6f708192a3',
    kind: 'failed_redemption_burst',
    severity: 'medium',
    riskScore: 0.6,
    legacyAccountId: 'legacy-1',
    observedCount: 12,
    windowStartedAt: '2026-03-01T09:55:00Z',
    windowEndedAt: '2026-03-01T10:00:00Z',
    action: 'none',
    ...overrides,
  };
}

describe('fraudFlagFromSignal', () => {
  it('flags the account a medium or high signal names, with the signal as its reason', () => {
    for (const severity of ['medium', 'high'] as const) {
      expect(fraudFlagFromSignal(aSignal({ severity }), raisedAt)).toEqual({
        legacyAccountId: 'legacy-1',
        signalId: '0190a4c8-1f2e-7a3b-8c4d-5e6f708192a3',
        reason: 'failed_redemption_burst',
        severity,
        flaggedAt: raisedAt,
      });
    }
  });

  it('leaves a low signal alone unless fraud monitoring asks for a step-up or a hold', () => {
    expect(fraudFlagFromSignal(aSignal({ severity: 'low' }), raisedAt)).toBeUndefined();
    expect(fraudFlagFromSignal(aSignal({ severity: 'low', action: 'step_up' }), raisedAt)).toMatchObject({
      severity: 'low',
    });
    expect(fraudFlagFromSignal(aSignal({ severity: 'low', action: 'hold' }), raisedAt)).toBeDefined();
  });

  it('flags nothing for a signal about an address rather than an account, nor its related accounts', () => {
    const aboutAnAddress = aSignal({
      kind: 'velocity_ip',
      severity: 'high',
      legacyAccountId: undefined,
      relatedLegacyAccountIds: ['legacy-2', 'legacy-3'],
      scope: { ipAddress: '203.0.113.7' },
    });
    expect(fraudFlagFromSignal(aboutAnAddress, raisedAt)).toBeUndefined();
  });
});
