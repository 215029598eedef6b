import type { RekeyEvent, VerifiedContact } from '@rekey/contracts';
import type { Issuance, LinkTarget } from '../issuance/domain/issuance';
import { available, refill, spend, startingBucket, type PaceBucket } from '../issuance/domain/token-bucket';
import type {
  ExpiredToken,
  IssuanceStore,
  IssuingWave,
  IssuePlan,
  PendingReissueRequests,
  ReissueRequestTarget,
  ReissueResolution,
  UndeliveredLink,
} from '../issuance/issuance-store.port';
import type { WorkCause } from '../shared/work-cause';
import type { ResetTokenStatus } from '../tokens/domain/reset-token';
import { ClosedJourneyStatuses, type JourneyStatus } from '../journeys/domain/journey-status';

export interface FakeIssuingWave {
  id: string;
  startsAt: Date;
  cutoffAt: Date;
  pacePerSecond: number;
  linkLifetimeMinutes: number;
  cause?: WorkCause | null;
}

export interface FakeStoredToken extends Omit<Issuance, 'sealedToken'> {
  status: ResetTokenStatus;
  deliveredAt?: Date;
  supersededBy?: string;
  /** Kept only while the link is live and not recorded delivered. */
  sealedToken?: Buffer;
  deliveryAttemptedAt?: Date;
}

interface FakeReissueRequest {
  id: string;
  legacyAccountId?: string;
  contactHash?: Buffer;
  processedAt?: Date;
  outcome?: string;
}

/**
 * Launched waves, their journeys, reset tokens and "send me a new link" requests in memory,
 * honouring the PostgreSQL adapter's contract (issuance-store.contract.ts). Each method runs
 * without an await between its claim and its write, as the adapter's row locks make its claims
 * exclusive.
 */
export class FakeIssuanceStore implements IssuanceStore {
  private readonly waves = new Map<string, FakeIssuingWave & { bucket: PaceBucket }>();
  private readonly accounts = new Map<string, { contacts: VerifiedContact[]; contactHashes: Buffer[] }>();
  private readonly held = new Set<string>();
  private readonly requests: FakeReissueRequest[] = [];
  private nextRequestId = 1;
  readonly journeys = new Map<string, { waveId: string; legacyAccountId: string; status: JourneyStatus }>();
  readonly tokens: FakeStoredToken[] = [];
  /** Every stored event, in order. */
  readonly events: RekeyEvent[] = [];

  /** A launched wave, its pace bucket full from its start, as a launch leaves it. */
  addLaunchedWave(wave: FakeIssuingWave): void {
    this.waves.set(wave.id, { ...wave, bucket: startingBucket(wave.pacePerSecond, wave.startsAt) });
  }

  addAccount(legacyAccountId: string, contacts: VerifiedContact[], contactHashes: Buffer[] = []): void {
    this.accounts.set(legacyAccountId, { contacts, contactHashes });
  }

  addJourney(
    journeyId: string,
    waveId: string,
    legacyAccountId: string,
    status: JourneyStatus = 'awaiting_issue',
  ): void {
    this.journeys.set(journeyId, { waveId, legacyAccountId, status });
  }

  hold(legacyAccountId: string): void {
    this.held.add(legacyAccountId);
  }

  requestReissue(request: { legacyAccountId?: string; contactHash?: Buffer }): void {
    this.requests.push({ id: String(this.nextRequestId++), ...request });
  }

  /** The outcomes stored on processed requests, in request order. */
  reissueOutcomes(): Array<string | undefined> {
    return this.requests.filter((request) => request.processedAt).map((request) => request.outcome);
  }

  async wavesIssuing(now: Date): Promise<IssuingWave[]> {
    return [...this.waves.values()]
      .filter((wave) => wave.startsAt <= now && wave.cutoffAt > now)
      .filter((wave) =>
        [...this.journeys.values()].some((j) => j.waveId === wave.id && j.status === 'awaiting_issue'),
      )
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map((wave) => ({ waveId: wave.id, cause: wave.cause ?? null }));
  }

  async issueForWave(
    { waveId }: IssuingWave,
    now: Date,
    limit: number,
    issue: (targets: LinkTarget[]) => IssuePlan,
  ): Promise<Issuance[]> {
    const wave = this.waves.get(waveId);
    if (!wave) return [];
    const bucket = refill(wave.bucket, wave.pacePerSecond, now);
    const allowed = Math.min(limit, available(bucket));
    if (allowed === 0) return [];
    // Reserved even when fewer journeys are left: the pace errs on the slow side, as the adapter's.
    wave.bucket = spend(bucket, allowed);
    const targets = [...this.journeys.entries()]
      .filter(([, journey]) => journey.waveId === waveId && journey.status === 'awaiting_issue')
      .filter(([, journey]) => !this.held.has(journey.legacyAccountId))
      .filter(([, journey]) => (this.accounts.get(journey.legacyAccountId)?.contacts.length ?? 0) > 0)
      .sort(([, a], [, b]) => (a.legacyAccountId < b.legacyAccountId ? -1 : 1))
      .slice(0, allowed)
      .map(([journeyId, journey]) => this.targetOf(journeyId, journey.legacyAccountId, wave));
    const plan = issue(targets);
    this.write(plan);
    return plan.issuances;
  }

  async claimUndelivered(now: Date, leaseSeconds: number, limit: number): Promise<UndeliveredLink[]> {
    return this.undelivered(now, leaseSeconds, true)
      .slice(0, limit)
      .map((token) => {
        token.deliveryAttemptedAt = now;
        return {
          issuanceId: token.id,
          journeyId: token.journeyId,
          legacyAccountId: token.legacyAccountId,
          waveId: token.waveId,
          channelKind: token.channel.kind,
          contacts: structuredClone(this.accounts.get(token.legacyAccountId)?.contacts ?? []),
          expiresAt: token.expiresAt,
          sealedToken: Buffer.from(token.sealedToken!),
          tokenHash: Buffer.from(token.tokenHash),
        };
      });
  }

  async forgetSealedTokens(issuanceIds: string[]): Promise<void> {
    for (const token of this.tokens) if (issuanceIds.includes(token.id)) delete token.sealedToken;
  }

  /** Live links not recorded delivered past their lease, with or without a sealed copy, oldest first. */
  private undelivered(now: Date, leaseSeconds: number, sealed: boolean): FakeStoredToken[] {
    const leaseStart = now.getTime() - leaseSeconds * 1000;
    return this.tokens
      .filter(
        (token) => token.status === 'live' && !token.deliveredAt && Boolean(token.sealedToken) === sealed,
      )
      .filter((token) => (token.deliveryAttemptedAt ?? token.issuedAt).getTime() < leaseStart)
      .filter((token) => token.expiresAt > now && !this.held.has(token.legacyAccountId))
      .filter((token) => this.accounts.has(token.legacyAccountId))
      .filter((token) => (this.waves.get(token.waveId)?.cutoffAt ?? now) > now)
      .sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime());
  }

  async replaceUndelivered(
    now: Date,
    leaseSeconds: number,
    limit: number,
    issue: (targets: LinkTarget[]) => IssuePlan,
  ): Promise<Issuance[]> {
    const targets = this.undelivered(now, leaseSeconds, false)
      .slice(0, limit)
      .map((token) => this.targetOf(token.journeyId, token.legacyAccountId, this.waves.get(token.waveId)!));
    if (targets.length === 0) return [];
    const plan = issue(targets);
    this.write(plan);
    return plan.issuances;
  }

  async markDelivered(issuanceIds: string[], now: Date): Promise<void> {
    for (const token of this.tokens) {
      if (issuanceIds.includes(token.id) && !token.deliveredAt) {
        token.deliveredAt = now;
        delete token.sealedToken;
      }
    }
  }

  async expireDue(
    now: Date,
    limit: number,
    announce: (expired: ExpiredToken[]) => RekeyEvent[],
  ): Promise<number> {
    const due = this.tokens
      .filter((token) => token.status === 'live' && token.expiresAt <= now)
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
      .slice(0, limit);
    if (due.length === 0) return 0;
    for (const token of due) {
      token.status = 'expired';
      delete token.sealedToken;
      const journey = this.journeys.get(token.journeyId);
      if (journey?.status === 'issued') journey.status = 'expired';
    }
    this.events.push(
      ...announce(
        due.map((token) => ({
          issuanceId: token.id,
          journeyId: token.journeyId,
          legacyAccountId: token.legacyAccountId,
          waveId: token.waveId,
          expiresAt: token.expiresAt,
        })),
      ),
    );
    return due.length;
  }

  async processReissueRequests(
    now: Date,
    limit: number,
    resolve: (pending: PendingReissueRequests) => ReissueResolution,
  ): Promise<{ requests: number; issuances: Issuance[] }> {
    const claimed = this.requests.filter((request) => !request.processedAt).slice(0, limit);
    if (claimed.length === 0) return { requests: 0, issuances: [] };
    const candidates = claimed.flatMap((request) => this.candidatesOf(request));
    const resolution = resolve({ requestIds: claimed.map((request) => request.id), candidates });
    this.write(resolution);
    for (const request of claimed) {
      request.processedAt = now;
      request.outcome = resolution.outcomes.get(request.id) ?? 'unknown';
    }
    return { requests: claimed.length, issuances: resolution.issuances };
  }

  private candidatesOf(request: FakeReissueRequest): ReissueRequestTarget[] {
    const accounts = [...this.accounts.entries()]
      .filter(
        ([legacyAccountId, account]) =>
          legacyAccountId === request.legacyAccountId ||
          (request.contactHash !== undefined &&
            account.contactHashes.some((hash) => hash.equals(request.contactHash!))),
      )
      .map(([legacyAccountId]) => legacyAccountId);
    return [...this.journeys.entries()]
      .filter(
        ([, journey]) =>
          accounts.includes(journey.legacyAccountId) && !ClosedJourneyStatuses.includes(journey.status),
      )
      .filter(([, journey]) => this.waves.has(journey.waveId))
      .map(([journeyId, journey]) => {
        const wave = this.waves.get(journey.waveId)!;
        const issued = this.tokens.filter((token) => token.legacyAccountId === journey.legacyAccountId);
        const lastIssuedAt = issued.map((token) => token.issuedAt.getTime()).sort((a, b) => b - a)[0];
        return {
          requestId: request.id,
          target: this.targetOf(journeyId, journey.legacyAccountId, wave),
          journeyStatus: journey.status,
          waveStartsAt: wave.startsAt,
          waveCutoffAt: wave.cutoffAt,
          held: this.held.has(journey.legacyAccountId),
          ...(lastIssuedAt === undefined ? {} : { lastIssuedAt: new Date(lastIssuedAt) }),
        };
      });
  }

  private targetOf(journeyId: string, legacyAccountId: string, wave: FakeIssuingWave): LinkTarget {
    const live = this.tokens.find(
      (token) => token.legacyAccountId === legacyAccountId && token.status === 'live',
    );
    return {
      journeyId,
      legacyAccountId,
      waveId: wave.id,
      linkLifetimeMinutes: wave.linkLifetimeMinutes,
      contacts: structuredClone(this.accounts.get(legacyAccountId)?.contacts ?? []),
      ...(live ? { liveTokenId: live.id } : {}),
    };
  }

  /** The adapter's writer: superseded tokens first, so one live token per account holds. */
  private write({ issuances, events }: IssuePlan): void {
    if (issuances.length === 0) return;
    const superseded = new Set(issuances.flatMap((issuance) => issuance.supersedes ?? []));
    // The one-live-token-per-account index, checked before anything changes: all or nothing.
    for (const issuance of issuances) {
      const live = this.tokens.find(
        (t) => t.legacyAccountId === issuance.legacyAccountId && t.status === 'live',
      );
      if (live && !superseded.has(live.id)) {
        throw new Error(`account ${issuance.legacyAccountId} already has a live token`);
      }
    }
    for (const issuance of issuances) {
      const old = this.tokens.find((token) => token.id === issuance.supersedes && token.status === 'live');
      if (old) {
        Object.assign(old, { status: 'superseded', supersededBy: issuance.id });
        delete old.sealedToken;
      }
    }
    for (const issuance of issuances) {
      this.tokens.push({
        ...structuredClone(issuance),
        sealedToken: Buffer.from(issuance.sealedToken),
        status: 'live',
      });
      const journey = this.journeys.get(issuance.journeyId);
      if (journey) journey.status = 'issued';
    }
    this.events.push(...events);
  }
}
