import type { EnrollmentGrant } from '@rekey/enrollment-grant';

export const GRANT_VERIFIER = Symbol('GrantVerifier');

/** Verifies a grant against reset-issuance's keys and spends its jti; refusals throw EnrollmentGrantRejected. */
export interface GrantVerifier {
  verify(jwt: string): Promise<EnrollmentGrant>;
}
