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

/**
 * What is stored of an issued link: its hash, and the token only sealed (encrypted with a key the
 * service alone holds) until the message carrying it is recorded delivered.
 */
export interface Issuance {
  id: string;
  tokenHash: Buffer;
  /** The token, sealed (TokenSealer), so that a resend after a crash carries the same link. */
  sealedToken: Buffer;
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

/** An issuance with its token, which exists in clear only in memory until the message is sent. */
export interface PreparedLink {
  issuance: Issuance;
  token: string;
}

/** What sending a link needs: where it goes, until when it works, and the token itself. */
export interface DeliverableLink {
  issuance: Pick<Issuance, 'id' | 'journeyId' | 'channel' | 'expiresAt'>;
  token: string;
}

export interface LinkFactory {
  newId(): string;
  newToken?: () => string;
  /** Seals the batch's tokens, in their order (TokenSealer.sealAll). */
  sealAll(tokens: readonly string[]): Buffer[];
}

/**
 * A new link for each target that has a verified channel to send it to (the others get nothing),
 * their tokens sealed together.
 */
export function prepareLinks(
  targets: readonly LinkTarget[],
  trigger: IssueTrigger,
  now: Date,
  factory: LinkFactory,
): PreparedLink[] {
  const drafts = targets.flatMap((target) => {
    const channel = deliveryChannel(target.contacts);
    return channel ? [{ target, channel, token: (factory.newToken ?? generateResetToken)() }] : [];
  });
  const sealed = factory.sealAll(drafts.map((draft) => draft.token));
  return drafts.map(({ target, channel, token }, index) => ({
    token,
    issuance: {
      id: factory.newId(),
      tokenHash: hashResetToken(token),
      sealedToken: sealed[index] as Buffer,
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
  }));
}
