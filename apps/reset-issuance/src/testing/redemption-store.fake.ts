import type { RekeyEvent } from '@rekey/contracts';
import type { EnrollmentGrant } from '@rekey/enrollment-grant';
import { JourneyTransitions } from '../journeys/domain/journey-transitions';
import type { TokenOnRecord } from '../redemption/domain/redemption';
import type {
  LookedUpToken,
  LookUpCounting,
  PresentedCredential,
  RedemptionEffects,
  RedemptionStore,
} from '../redemption/redemption-store.port';
import type { NewStepUpChallenge } from '../step-up/domain/step-up-challenge';

/** A token on file: what the lookup returns, less what the store evaluates itself. */
export type FakeToken = Omit<TokenOnRecord, 'expired' | 'held'> & {
  tokenHash: Buffer;
  codeHash: Buffer;
  expiresAt: Date;
};

/**
 * Reset tokens, rate-limit windows and outbox in memory, honouring the PostgreSQL adapter's
 * contract (redemption-store.contract.ts). Expiry is judged by `now`, as the adapter's by the
 * database's clock.
 */
export class FakeRedemptionStore implements RedemptionStore {
  private readonly tokens: FakeToken[] = [];
  private readonly heldAccounts = new Set<string>();
  private readonly windows = new Map<string, number>();
  readonly journeyStatuses = new Map<string, string>();
  readonly challenges: NewStepUpChallenge[] = [];
  readonly grants: EnrollmentGrant[] = [];
  /** Every stored event, in order. */
  readonly events: RekeyEvent[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  addToken(token: FakeToken): void {
    this.tokens.push({ ...token });
    this.journeyStatuses.set(token.journeyId, 'issued');
  }

  hold(legacyAccountId: string): void {
    this.heldAccounts.add(legacyAccountId);
  }

  tokenStatus(tokenId: string): TokenOnRecord['status'] | undefined {
    return this.tokens.find((token) => token.tokenId === tokenId)?.status;
  }

  /** The hits of one counter in one window (0 when never counted). */
  hitsOf(key: string, windowStart: Date): number {
    return this.windows.get(windowKey(key, windowStart)) ?? 0;
  }

  async lookUp(credential: PresentedCredential, counting: LookUpCounting): Promise<LookedUpToken> {
    const found = this.find(credential);
    const resolvedKey =
      found && this.spendable(found)
        ? `${counting.accountKeyPrefix}${found.legacyAccountId}`
        : counting.globalKey;
    const hits = new Map<string, number>();
    for (const key of [...counting.addressKeys, resolvedKey]) {
      const counted = (this.windows.get(windowKey(key, counting.windowStart)) ?? 0) + 1;
      this.windows.set(windowKey(key, counting.windowStart), counted);
      hits.set(key, counted);
    }
    return { ...(found ? { token: this.onRecord(found) } : {}), resolvedKey, hits };
  }

  // Checked and spent with no await in between: of two concurrent calls, one spends.
  async spend(
    credential: PresentedCredential,
    outcome: { onSpent?: RedemptionEffects; onFailed: RekeyEvent[] },
  ): Promise<'spent' | 'failed'> {
    if (outcome.onFailed.length === 0) throw new Error('a failed redemption must record an event');
    const found = this.find(credential);
    const effects = outcome.onSpent;
    if (!effects || !found || !this.spendable(found)) {
      this.events.push(...outcome.onFailed);
      return 'failed';
    }
    found.status = 'redeemed';
    this.journeyStatuses.set(found.journeyId, JourneyTransitions[effects.journeyEvent].to);
    if (effects.challenge) this.challenges.push(effects.challenge);
    if (effects.grant) this.grants.push(effects.grant);
    this.events.push(...effects.events);
    return 'spent';
  }

  async record(events: RekeyEvent[]): Promise<void> {
    this.events.push(...events);
  }

  private find(credential: PresentedCredential): FakeToken | undefined {
    return this.tokens.find((token) =>
      (credential.kind === 'token' ? token.tokenHash : token.codeHash).equals(credential.hash),
    );
  }

  private spendable(token: FakeToken): boolean {
    return token.status === 'live' && !this.expired(token) && !this.heldAccounts.has(token.legacyAccountId);
  }

  private expired(token: FakeToken): boolean {
    return token.expiresAt.getTime() <= this.now().getTime();
  }

  private onRecord(token: FakeToken): TokenOnRecord {
    const { tokenHash: _token, codeHash: _code, expiresAt: _expires, ...onRecord } = token;
    return {
      ...structuredClone(onRecord),
      expired: this.expired(token),
      held: this.heldAccounts.has(token.legacyAccountId),
    };
  }
}

function windowKey(key: string, windowStart: Date): string {
  return `${key}@${windowStart.toISOString()}`;
}
