import type { ProblemType } from '@rekey/problem-details';

/**
 * How the HTTP edge answers the TOTP factor's error codes. A sealed secret that does not open is
 * the service's fault (a key missing from the ring), never the customer's: a 500 with no detail.
 */
export const totpProblemTypes = {
  'totp.code-malformed': { status: 422, title: 'TOTP code malformed' },
  'totp.code-incorrect': { status: 422, title: 'TOTP code incorrect' },
  'totp.code-reused': { status: 422, title: 'TOTP code already used' },
  'totp.sealed-secret-unreadable': { status: 500, title: 'Stored factor unreadable' },
} satisfies Record<string, ProblemType>;
