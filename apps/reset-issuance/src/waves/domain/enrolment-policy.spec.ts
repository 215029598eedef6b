import {
  DEFAULT_MINIMUM_ASSURANCE,
  resolveEnrolmentPolicy,
  validateEnrolmentPolicy,
  type WaveEnrolmentPolicy,
} from './enrolment-policy';
import { WaveEnrolmentPolicyInvalid } from './wave.errors';

const cutoffAt = new Date('2026-03-01T00:00:00Z');
const ninetyDaysLater = new Date('2026-05-30T00:00:00Z');
const standard = { segment: 'standard', segments: ['standard'] };
const privileged = { segment: 'privileged', segments: ['privileged'] };

describe('resolveEnrolmentPolicy', () => {
  it('lets a standard account of a wave without a policy finish on AAL1, bridging 90 days past the cutoff', () => {
    expect(resolveEnrolmentPolicy({ cutoffAt }, standard)).toEqual({
      minimumAssurance: 'aal1',
      passwordBridgeEndsAt: ninetyDaysLater,
    });
  });

  it('requires AAL2 of privileged and delegated accounts by default, AAL1 of every other segment', () => {
    expect(resolveEnrolmentPolicy({ cutoffAt }, privileged).minimumAssurance).toBe('aal2');
    expect(
      resolveEnrolmentPolicy({ cutoffAt }, { segment: 'delegated', segments: ['delegated'] })
        .minimumAssurance,
    ).toBe('aal2');
    expect(DEFAULT_MINIMUM_ASSURANCE).toEqual({
      privileged: 'aal2',
      delegated: 'aal2',
      social_only: 'aal1',
      inactive: 'aal1',
      stale_contact: 'aal1',
      shared_contact: 'aal1',
      standard: 'aal1',
    });
  });

  it("takes the wave's level and bridge end where the policy sets them, the defaults elsewhere", () => {
    const policy: WaveEnrolmentPolicy = {
      minimumAssurance: { standard: 'aal2' },
      passwordBridgeEndsAt: new Date('2026-04-01T00:00:00Z'),
    };
    expect(resolveEnrolmentPolicy({ policy, cutoffAt }, standard)).toEqual({
      minimumAssurance: 'aal2',
      passwordBridgeEndsAt: new Date('2026-04-01T00:00:00Z'),
    });
    expect(resolveEnrolmentPolicy({ policy, cutoffAt }, privileged).minimumAssurance).toBe('aal2');
    expect(
      resolveEnrolmentPolicy({ policy: { minimumAssurance: { standard: 'aal2' } }, cutoffAt }, standard)
        .passwordBridgeEndsAt,
    ).toEqual(ninetyDaysLater);
  });

  it('gives the highest level any of the account’s segments requires, not only its primary one', () => {
    const account = { segment: 'standard', segments: ['standard', 'delegated'] };
    expect(resolveEnrolmentPolicy({ cutoffAt }, account).minimumAssurance).toBe('aal2');
    const policy: WaveEnrolmentPolicy = { minimumAssurance: { shared_contact: 'aal2' } };
    expect(
      resolveEnrolmentPolicy({ policy, cutoffAt }, { segment: 'standard', segments: ['shared_contact'] })
        .minimumAssurance,
    ).toBe('aal2');
  });

  it('lets a policy that lowers a segment apply to it, while another segment of the account still counts', () => {
    const policy: WaveEnrolmentPolicy = { minimumAssurance: { privileged: 'aal1' } };
    expect(resolveEnrolmentPolicy({ policy, cutoffAt }, privileged).minimumAssurance).toBe('aal1');
    expect(
      resolveEnrolmentPolicy({ policy, cutoffAt }, { segment: 'privileged', segments: ['delegated'] })
        .minimumAssurance,
    ).toBe('aal2');
  });

  it('treats a segment it does not know as standard', () => {
    expect(
      resolveEnrolmentPolicy({ cutoffAt }, { segment: 'future_kind', segments: [] }).minimumAssurance,
    ).toBe('aal1');
  });
});

describe('validateEnrolmentPolicy', () => {
  it('accepts known segments and a bridge end after the cutoff', () => {
    const policy: WaveEnrolmentPolicy = {
      minimumAssurance: { standard: 'aal2', privileged: 'aal2' },
      passwordBridgeEndsAt: new Date('2026-03-02T00:00:00Z'),
    };
    expect(validateEnrolmentPolicy(policy, cutoffAt)).toBe(policy);
    expect(validateEnrolmentPolicy({}, cutoffAt)).toEqual({});
  });

  it('refuses a bridge that ends at or before the cutoff, naming the field', () => {
    for (const end of [cutoffAt, new Date('2026-02-01T00:00:00Z')]) {
      expect(() => validateEnrolmentPolicy({ passwordBridgeEndsAt: end }, cutoffAt)).toThrow(
        new WaveEnrolmentPolicyInvalid('enrolmentPolicy.passwordBridgeEndsAt', 'must be after cutoffAt'),
      );
    }
  });

  it('refuses an unknown segment or level, naming the field', () => {
    const unknownSegment = { minimumAssurance: { admins: 'aal2' } } as unknown as WaveEnrolmentPolicy;
    expect(() => validateEnrolmentPolicy(unknownSegment, cutoffAt)).toThrow(
      'enrolmentPolicy.minimumAssurance.admins unknown segment',
    );
    const unknownLevel = { minimumAssurance: { standard: 'aal3' } } as unknown as WaveEnrolmentPolicy;
    expect(() => validateEnrolmentPolicy(unknownLevel, cutoffAt)).toThrow(
      'enrolmentPolicy.minimumAssurance.standard must be aal1 or aal2',
    );
  });
});
