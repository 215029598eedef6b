import {
  createEvent,
  MigrationAccountMigratedV1,
  ResetTokenRedeemedV1,
  SessionLegacySessionsRevokedV1,
} from '@rekey/contracts';
import { journeyFactsOf } from './journey-facts';

const journeyId = '01936f4e-8b10-7d41-a3e5-2c7f9b0d6e13';
const waveId = '01936f4e-7a00-7c3e-9d2a-5b1c0e8f4a21';
const context = { source: 'test', subject: 'L-1', journeyId };
const at = () => new Date('2026-11-20T10:00:00.000Z');

describe('journeyFactsOf', () => {
  it('takes a redemption that leads to step-up as the account needing step-up', () => {
    const event = createEvent(
      ResetTokenRedeemedV1,
      {
        legacyAccountId: 'L-1',
        waveId,
        journeyId,
        issuanceId: waveId,
        client: { ipAddress: '203.0.113.1' },
        next: 'step_up',
      },
      context,
      at,
    );
    expect(journeyFactsOf(event).map((fact) => fact.kind === 'step' && fact.step)).toEqual([
      'redeemed',
      'step_up_required',
    ]);
  });

  it('counts sessions revoked with the login retired as migrated, at the revocation time', () => {
    const revokedAt = '2026-11-20T10:05:00.000Z';
    const data = { legacyAccountId: 'L-1', journeyId, revokedCount: 1, revokedAt };
    const retired = createEvent(
      SessionLegacySessionsRevokedV1,
      { ...data, legacyLoginRetired: true },
      context,
      at,
    );
    expect(journeyFactsOf(retired)).toEqual([
      { kind: 'step', step: 'migrated', legacyAccountId: 'L-1', journeyId, at: revokedAt },
    ]);
  });

  it('does not count sessions revoked under a hold (the login not retired) as a migration', () => {
    const held = createEvent(
      SessionLegacySessionsRevokedV1,
      {
        legacyAccountId: 'L-1',
        journeyId,
        revokedCount: 1,
        revokedAt: at().toISOString(),
        legacyLoginRetired: false,
      },
      context,
      at,
    );
    expect(journeyFactsOf(held)).toEqual([]);
  });

  it('takes the journey and wave of an account-migrated event from its data', () => {
    const migrated = createEvent(
      MigrationAccountMigratedV1,
      {
        legacyAccountId: 'L-1',
        targetAccountId: 'T-1',
        migratedAt: at().toISOString(),
        assuranceLevel: 'aal2',
        journeyId,
        waveId: '01936f4e-8b10-7d41-a3e5-2c7f9b0d6e14',
        methods: ['passkey'],
        enrolledAt: at().toISOString(),
        legacySessionsRevokedAt: at().toISOString(),
      },
      { source: 'test', subject: 'L-1' },
      at,
    );
    expect(journeyFactsOf(migrated)).toMatchObject([
      { step: 'migrated', journeyId, waveId: '01936f4e-8b10-7d41-a3e5-2c7f9b0d6e14' },
    ]);
  });
});
