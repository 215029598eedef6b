import type { VerifiedContact } from '@rekey/contracts';

/** The verified contacts of one legacy account, as the newest release stated them. */
export interface AccountContacts {
  legacyAccountId: string;
  verifiedContacts: VerifiedContact[];
  /** The release's event time: an older release arriving late never replaces a newer one. */
  releasedAt: Date;
  releaseEventId: string;
}
