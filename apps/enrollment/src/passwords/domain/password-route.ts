import type { AssuranceLevel } from '@rekey/contracts';
import {
  assuranceOf,
  meetsMinimum,
  type EnrolledMethod,
  type ReachedAssurance,
} from '../../enrolments/domain/enrolment';

/**
 * How a password finishes an enrolment: with the authenticator app confirmed in the same
 * enrolment (AAL2, 8 characters suffice), or alone (AAL1, 15 characters, a temporary bridge).
 */
export interface PasswordRoute {
  withTotp: boolean;
  methods: EnrolledMethod[];
  assurance: ReachedAssurance;
}

/**
 * The route a password takes, decided by what the enrolment holds (never by what a form says),
 * or undefined when it would finish below the wave's minimum: a password alone where AAL2 is
 * required.
 */
export function passwordRouteOf(totpConfirmed: boolean, minimum: AssuranceLevel): PasswordRoute | undefined {
  const methods: EnrolledMethod[] = totpConfirmed ? ['totp', 'password'] : ['password'];
  const assurance = assuranceOf(methods);
  if (!assurance || !meetsMinimum(assurance.level, minimum)) return undefined;
  return { withTotp: totpConfirmed, methods, assurance };
}

/** Whether the methods page may offer a password alone. */
export function allowsPasswordAlone(minimum: AssuranceLevel): boolean {
  return meetsMinimum('aal1', minimum);
}
