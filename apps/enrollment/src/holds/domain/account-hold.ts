/** A hold read from reset-issuance (an operator's) or fraud monitoring (security's). */
export interface AccountHold {
  holdId: string;
  legacyAccountId: string;
  source: 'reset' | 'fraud';
  placedAt: Date;
}
