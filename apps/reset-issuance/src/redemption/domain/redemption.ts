import type { ContactKind, RedemptionFailureReasons, VerifiedContact } from '@rekey/contracts';
import { hashResetCode, normaliseResetCode } from '../../tokens/domain/reset-code';
import type { EnrolmentContext } from '../../waves/domain/enrolment-policy';
import { hashResetToken, type ResetTokenStatus } from '../../tokens/domain/reset-token';

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
  /** The wave's policy and cutoff and the account's segments, for the grant a spent token leads to. */
  enrolment: EnrolmentContext;
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
  return presentedField(body, 'token');
}

/** A presented value as the database finds it: the link's token, or the code a customer typed. */
export interface PresentedCredential {
  kind: 'token' | 'code';
  hash: Buffer;
}

/**
 * The token of the link page's form or, when it carries none, the code typed into its other form
 * (browsers without JavaScript). Anything, well formed or not, becomes a hash to look up, so a
 * malformed value costs the same work and gets the same answer as an unknown one.
 */
export function presentedCredentialOf(body: unknown): PresentedCredential {
  const token = presentedField(body, 'token');
  const typed = token ? '' : presentedField(body, 'code');
  if (!typed) return { kind: 'token', hash: hashResetToken(token) };
  // A value that is no code is hashed as typed: no canonical code has that digest.
  return { kind: 'code', hash: hashResetCode(normaliseResetCode(typed) ?? typed) };
}

function presentedField(body: unknown, name: 'token' | 'code'): string {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, MAX_PRESENTED_TOKEN_LENGTH) : '';
}
