/** Why a grant was refused; stable values enrollment can log, count and map to its answer. */
export type GrantRejectionReason =
  | 'malformed'
  | 'algorithm'
  | 'signature'
  | 'issuer'
  | 'audience'
  | 'expired'
  | 'not-yet-valid'
  | 'lifetime-too-long'
  | 'claims'
  | 'already-used'
  | 'key-set-unavailable';

const explanations: Record<GrantRejectionReason, string> = {
  malformed: 'the grant is not a compact JWS',
  algorithm: 'the grant is not signed with EdDSA',
  signature: 'the grant is not signed by a key of the issuer',
  issuer: 'the grant comes from another issuer',
  audience: 'the grant is not meant for enrollment',
  expired: 'the grant has expired',
  'not-yet-valid': 'the grant was issued in the future',
  'lifetime-too-long': 'the grant was signed for longer than the allowed lifetime',
  claims: 'the grant lacks a required claim or carries one of the wrong type',
  'already-used': 'the grant has already been used',
  'key-set-unavailable': "the issuer's key set could not be fetched",
};

/** A refused grant. Its message names the reason only: the grant itself is never echoed. */
export class EnrollmentGrantRejected extends Error {
  readonly code: `enrollment-grant.${GrantRejectionReason}`;

  constructor(
    readonly reason: GrantRejectionReason,
    options: { cause?: unknown } = {},
  ) {
    super(`Enrollment grant refused: ${explanations[reason]}`, options);
    this.name = 'EnrollmentGrantRejected';
    this.code = `enrollment-grant.${reason}`;
  }
}
