import { randomUUID } from 'node:crypto';
import type { VerifiedContact } from '@rekey/contracts';
import type { LinkTarget } from '../issuance/domain/issuance';
import type { IssuanceStore, IssuePlan } from '../issuance/issuance-store.port';
import { planLinks } from '../issuance/prepare-links';
import { testTokenSealer } from './token-sealer';
import type { JourneyStatus } from '../journeys/domain/journey-status';

// What the issuance store's contract cases share: the store under test and the seeds they use.

export interface WaveToLaunch {
  startsAt: Date;
  cutoffAt: Date;
  pacePerSecond: number;
  linkLifetimeMinutes: number;
}

export interface TokenOnFile {
  id: string;
  legacyAccountId: string;
  status: string;
  deliveredAt?: Date;
  supersededBy?: string;
  /** Whether a sealed copy of its token is kept. */
  sealed: boolean;
}

/** An issuance store to test, empty, and what the port cannot do itself: seed and read back. */
export interface IssuanceStoreUnderTest {
  store: IssuanceStore;
  /** A launched wave with its pace bucket full from its start; returns its id. */
  launchedWave(wave: WaveToLaunch): Promise<string>;
  addAccount(legacyAccountId: string, contacts: VerifiedContact[]): Promise<void>;
  /** A journey of the wave for the account; returns its id. */
  addJourney(waveId: string, legacyAccountId: string, status?: JourneyStatus): Promise<string>;
  closeJourney(journeyId: string): Promise<void>;
  placeHold(legacyAccountId: string): Promise<void>;
  requestReissue(legacyAccountId: string): Promise<void>;
  tokens(): Promise<TokenOnFile[]>;
  journeyStatus(journeyId: string): Promise<string | undefined>;
  /** The outcomes of processed requests, in request order. */
  reissueOutcomes(): Promise<string[]>;
  storedEventIds(): Promise<string[]>;
}

export const base = new Date(Date.UTC(2026, 11, 18, 9, 0));
export const at = (seconds: number) => new Date(base.getTime() + seconds * 1000);
export const day = 24 * 3600;
export const clock = { now: () => base, newId: () => randomUUID() };
export const sealer = testTokenSealer();
export const email = (account: string): VerifiedContact[] => [
  { kind: 'email', value: `${account}@example.test` },
];

/** The plan IssueWaveLinks makes: a link per target with a channel, and its token-issued event. */
export function linksAt(now: Date, seen: LinkTarget[][] = []): (targets: LinkTarget[]) => IssuePlan {
  return (targets) => {
    seen.push(targets);
    return planLinks(targets, 'wave', now, { clock, sealer }).plan;
  };
}

export const openWave: WaveToLaunch = {
  startsAt: at(0),
  cutoffAt: at(7 * day),
  pacePerSecond: 1000,
  linkLifetimeMinutes: 30,
};

/** `count` waiting journeys of the wave, on accounts `legacy-<prefix>-1..count` with an email each. */
export async function journeysIn(
  subject: IssuanceStoreUnderTest,
  waveId: string,
  count: number,
  prefix: string = randomUUID(),
): Promise<string[]> {
  const journeys: string[] = [];
  for (let index = 1; index <= count; index += 1) {
    const account = `legacy-${prefix}-${index}`;
    await subject.addAccount(account, email(account));
    journeys.push(await subject.addJourney(waveId, account));
  }
  return journeys;
}
