import type { RekeyEvent, VerifiedContact } from '@rekey/contracts';
import type { Issuance, LinkTarget } from './domain/issuance';
import type { ReissueCandidate, ReissueOutcome } from './domain/reissue-policy';
import type { WorkCause } from '../shared/work-cause';

export const ISSUANCE_STORE = Symbol('IssuanceStore');

/** What a use case decides for a batch: the issuances to store and the events they cause. */
export interface IssuePlan {
  issuances: Issuance[];
  events: RekeyEvent[];
}

export interface ExpiredToken {
  issuanceId: string;
  journeyId: string;
  legacyAccountId: string;
  waveId: string;
  expiresAt: Date;
}

export interface ReissueRequestTarget extends ReissueCandidate {
  requestId: string;
  target: LinkTarget;
}

export interface PendingReissueRequests {
  requestIds: string[];
  /** Accounts the requests resolved to (none for an unknown address). */
  candidates: ReissueRequestTarget[];
}

/** A link to send again: where it went, until when it works, and its token, sealed. */
export interface UndeliveredLink {
  issuanceId: string;
  journeyId: string;
  legacyAccountId: string;
  waveId: string;
  /** The kind of contact the link was sent to, and the account's verified contacts now. */
  channelKind: VerifiedContact['kind'];
  contacts: VerifiedContact[];
  expiresAt: Date;
  sealedToken: Buffer;
  /** What the sealed copy must open to: the hash on file. */
  tokenHash: Buffer;
}

/** A wave with links to issue, and what launched it. */
export interface IssuingWave {
  waveId: string;
  cause: WorkCause | null;
}

export interface ReissueResolution extends IssuePlan {
  outcomes: Map<string, ReissueOutcome>;
}

/**
 * Reset tokens and their journeys. Every method is one short transaction that claims its rows
 * with `FOR UPDATE SKIP LOCKED`, so replicas share the work without waiting on each other; the
 * state change and its events commit together.
 */
export interface IssuanceStore {
  /** Launched waves that may issue now (started, before the cutoff) and still have journeys waiting. */
  wavesIssuing(now: Date): Promise<IssuingWave[]>;
  /**
   * Reserves up to `limit` links from the wave's pace bucket, then claims that many of the wave's
   * journeys awaiting a link, not held and not claimed by another issuer, and stores `issue`'s plan
   * in a step span linked to the wave's launch, its events caused by the launch event.
   */
  issueForWave(
    wave: IssuingWave,
    now: Date,
    limit: number,
    issue: (targets: LinkTarget[]) => IssuePlan,
  ): Promise<Issuance[]>;
  /**
   * Claims live links still unrecorded as delivered after the lease (their sender died, or the
   * transport refused them) that keep a sealed copy of their token, and renews their lease: they
   * are sent again, with the same link. Links past their lifetime or their wave's cutoff, or of
   * a held account, are not claimed.
   */
  claimUndelivered(now: Date, leaseSeconds: number, limit: number): Promise<UndeliveredLink[]>;
  /** Drops sealed copies that did not open (another key): those links are replaced after the lease. */
  forgetSealedTokens(issuanceIds: string[]): Promise<void>;
  /**
   * Claims live links undelivered after the lease that have no sealed copy (issued before links
   * were sealed, or whose copy did not open) and stores replacements: new links superseding them.
   */
  replaceUndelivered(
    now: Date,
    leaseSeconds: number,
    limit: number,
    issue: (targets: LinkTarget[]) => IssuePlan,
  ): Promise<Issuance[]>;
  /** Records the links delivered and drops their sealed copies: the token is in the customer's hands only. */
  markDelivered(issuanceIds: string[], now: Date): Promise<void>;
  /** Marks live links past their expiry as expired, with the events `announce` makes. */
  expireDue(now: Date, limit: number, announce: (expired: ExpiredToken[]) => RekeyEvent[]): Promise<number>;
  /** Claims unprocessed "send me a new link" requests, resolves them, stores `resolve`'s plan and outcomes. */
  processReissueRequests(
    now: Date,
    limit: number,
    resolve: (pending: PendingReissueRequests) => ReissueResolution,
  ): Promise<{ requests: number; issuances: Issuance[] }>;
}
