import type { VerifiedContact } from '@rekey/contracts';
import { hashResetCode, resetCodeOf } from '../../tokens/domain/reset-code';
import { generateResetToken, hashResetToken } from '../../tokens/domain/reset-token';
import { deliveryChannel } from './delivery-channel';

export type IssueTrigger = 'wave' | 'reissue' | 'support_assisted';

/** A journey that is to get a (new) link. */
export interface LinkTarget {
  journeyId: string;
  legacyAccountId: string;
  waveId: string;
  linkLifetimeMinutes: number;
  contacts: VerifiedContact[];
  /** The account's live token, which the new one supersedes. */
  liveTokenId?: string;
}

/** What is stored of an issued link: never the token, only its hash. */
export interface Issuance {
  id: string;
  tokenHash: Buffer;
  /** The digest of the short code the message carries for customers without JavaScript. */
  codeHash: Buffer;
  journeyId: string;
  legacyAccountId: string;
  waveId: string;
  trigger: IssueTrigger;
  channel: VerifiedContact;
  issuedAt: Date;
  expiresAt: Date;
  supersedes?: string;
}

/** An issuance with its token, which exists only in memory until the message is sent. */
export interface PreparedLink {
  issuance: Issuance;
  token: string;
}

export interface LinkFactory {
  newId(): string;
  newToken?: () => string;
}

/** A new link for the target, or nothing when it has no verified channel to send it to. */
export function prepareLink(
  target: LinkTarget,
  trigger: IssueTrigger,
  now: Date,
  factory: LinkFactory,
): PreparedLink | undefined {
  const channel = deliveryChannel(target.contacts);
  if (!channel) return undefined;
  const token = (factory.newToken ?? generateResetToken)();
  return {
    token,
    issuance: {
      id: factory.newId(),
      tokenHash: hashResetToken(token),
      codeHash: hashResetCode(resetCodeOf(token)),
      journeyId: target.journeyId,
      legacyAccountId: target.legacyAccountId,
      waveId: target.waveId,
      trigger,
      channel,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + target.linkLifetimeMinutes * 60_000),
      ...(target.liveTokenId ? { supersedes: target.liveTokenId } : {}),
    },
  };
}
