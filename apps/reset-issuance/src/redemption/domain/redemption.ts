import type { ContactKind, RedemptionFailureReasons, VerifiedContact } from '@rekey/contracts';
import type { ResetTokenStatus } from '../../tokens/domain/reset-token';

export type RedemptionFailureReason = (typeof RedemptionFailureReasons)[number];

/** A token as the database knows it, with what redemption decides on; read before spending. */
export interface TokenOnRecord {
  tokenId: string;
  journeyId: string;
  legacyAccountId: string;
  waveId: string;
  status: ResetTokenStatus;
  channelKind: ContactKind;
  /** Evaluated by the database (`expires_at <= now()`), the same clock as the spending update. */
  expired: boolean;
  held: boolean;
  fraudFlagged: boolean;
  targetAccountId: string;
  segments: string[];
  verifiedContacts: VerifiedContact[];
}

/**
 * Whether the lookup leaves any chance of spending the token. The spending update checks again,
 * so a token that changed in between is still decided by the database.
 */
export function couldBeSpent(token: TokenOnRecord): boolean {
  return token.status === 'live' && !token.expired && !token.held;
}

/**
 * Why a token could not be spent, for the failed event only: the customer sees the same page
 * whatever it is. A live, unexpired, unheld token that still failed lost a race to another POST.
 */
export function failureReasonOf(token: TokenOnRecord | undefined): RedemptionFailureReason {
  if (!token) return 'unknown';
  if (token.status === 'superseded') return 'superseded';
  if (token.status === 'redeemed') return 'already_used';
  if (token.status === 'expired' || token.expired) return 'expired';
  if (token.held) return 'held';
  return 'already_used';
}

/** Presented values are bounded before hashing; anything longer cannot be one of our tokens. */
export const MAX_PRESENTED_TOKEN_LENGTH = 256;

export function presentedTokenOf(body: unknown): string {
  const token = (body as { token?: unknown } | null | undefined)?.token;
  return typeof token === 'string' ? token.slice(0, MAX_PRESENTED_TOKEN_LENGTH) : '';
}
