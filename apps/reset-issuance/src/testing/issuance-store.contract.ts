import { randomUUID } from 'node:crypto';
import type { VerifiedContact } from '@rekey/contracts';
import type { Issuance, LinkTarget } from '../issuance/domain/issuance';
import type { IssuanceStore, IssuePlan, PendingReissueRequests } from '../issuance/issuance-store.port';
import { planLinks } from '../issuance/prepare-links';
import type { JourneyStatus } from '../waves/domain/journey-status';

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

const base = new Date(Date.UTC(2026, 11, 18, 9, 0));
const at = (seconds: number) => new Date(base.getTime() + seconds * 1000);
const day = 24 * 3600;
const clock = { now: () => base, newId: () => randomUUID() };
const email = (account: string): VerifiedContact[] => [{ kind: 'email', value: `${account}@example.test` }];

/** The plan IssueWaveLinks makes: a link per target with a channel, and its token-issued event. */
function linksAt(now: Date, seen: LinkTarget[][] = []): (targets: LinkTarget[]) => IssuePlan {
  return (targets) => {
    seen.push(targets);
    return planLinks(targets, 'wave', now, clock).plan;
  };
}

const openWave: WaveToLaunch = {
  startsAt: at(0),
  cutoffAt: at(7 * day),
  pacePerSecond: 1000,
  linkLifetimeMinutes: 30,
};

/**
 * What every IssuanceStore does: run against the fake in a unit spec and against the PostgreSQL
 * adapter in an integration spec. `setUp` gives an empty store for each case.
 */
export function describeIssuanceStoreContract(
  name: string,
  setUp: () => Promise<IssuanceStoreUnderTest>,
): void {
  describe(`${name} honours the IssuanceStore contract`, () => {
    let subject: IssuanceStoreUnderTest;

    beforeEach(async () => {
      subject = await setUp();
    });

    async function journeysIn(
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

    it('lists the waves issuing now, earliest start first: started, before cutoff, with journeys waiting', async () => {
      const later = await subject.launchedWave({ ...openWave, startsAt: at(60) });
      const earlier = await subject.launchedWave(openWave);
      const notStarted = await subject.launchedWave({ ...openWave, startsAt: at(3600) });
      const pastCutoff = await subject.launchedWave({ ...openWave, cutoffAt: at(100) });
      await subject.launchedWave(openWave);
      for (const wave of [later, earlier, notStarted, pastCutoff]) await journeysIn(wave, 1);

      expect(await subject.store.wavesIssuing(at(120))).toEqual([
        { waveId: earlier, cause: null },
        { waveId: later, cause: null },
      ]);
    });

    it('issues one link per waiting journey with a channel and no hold, storing tokens, journeys and events', async () => {
      const wave = await subject.launchedWave(openWave);
      const [first, second] = await journeysIn(wave, 2, 'a');
      await subject.addAccount('legacy-held', email('legacy-held'));
      const held = await subject.addJourney(wave, 'legacy-held');
      await subject.placeHold('legacy-held');
      await subject.addAccount('legacy-no-contact', []);
      const unreachable = await subject.addJourney(wave, 'legacy-no-contact');
      const seen: LinkTarget[][] = [];

      const issued = await subject.store.issueForWave(
        { waveId: wave, cause: null },
        at(1),
        10,
        linksAt(at(1), seen),
      );

      expect(seen).toHaveLength(1);
      expect(seen[0]?.map((target) => target.journeyId).sort()).toEqual([first, second].sort());
      expect(seen[0]?.[0]).toMatchObject({
        waveId: wave,
        linkLifetimeMinutes: 30,
        contacts: email(seen[0]?.[0]?.legacyAccountId ?? ''),
      });
      expect(issued.map((issuance) => issuance.journeyId).sort()).toEqual([first, second].sort());
      expect(await subject.journeyStatus(first!)).toBe('issued');
      expect(await subject.journeyStatus(held)).toBe('awaiting_issue');
      expect(await subject.journeyStatus(unreachable)).toBe('awaiting_issue');
      const tokens = await subject.tokens();
      expect(tokens.map((token) => token.id).sort()).toEqual(issued.map((issuance) => issuance.id).sort());
      expect(tokens.every((token) => token.status === 'live' && token.deliveredAt === undefined)).toBe(true);
      expect(await subject.storedEventIds()).toHaveLength(2);
    });

    it('issues at the wave pace: a full second at the start, then what the elapsed time allows', async () => {
      const wave = await subject.launchedWave({ ...openWave, pacePerSecond: 2 });
      await journeysIn(wave, 6);
      const issue = (seconds: number) =>
        subject.store.issueForWave({ waveId: wave, cause: null }, at(seconds), 10, linksAt(at(seconds)));

      expect(await issue(0)).toHaveLength(2);
      const seen: LinkTarget[][] = [];
      expect(
        await subject.store.issueForWave({ waveId: wave, cause: null }, at(0), 10, linksAt(at(0), seen)),
      ).toEqual([]);
      expect(seen).toEqual([]);
      expect(await issue(1)).toHaveLength(2);
      expect(await issue(1.5)).toHaveLength(1);
    });

    it('never gives one journey two links when issuers run at once', async () => {
      const wave = await subject.launchedWave(openWave);
      const journeys = await journeysIn(wave, 6);
      const issue = () => subject.store.issueForWave({ waveId: wave, cause: null }, at(1), 4, linksAt(at(1)));

      const batches = await Promise.all([issue(), issue(), issue()]);
      const issuedJourneys = batches.flat().map((issuance) => issuance.journeyId);

      expect(new Set(issuedJourneys).size).toBe(issuedJourneys.length);
      expect(issuedJourneys.length).toBe(journeys.length);
      expect((await subject.tokens()).filter((token) => token.status === 'live')).toHaveLength(
        journeys.length,
      );
    });

    it('stores nothing of a batch whose plan fails, and issues those journeys later', async () => {
      const wave = await subject.launchedWave(openWave);
      const [journey] = await journeysIn(wave, 1);

      await expect(
        subject.store.issueForWave({ waveId: wave, cause: null }, at(1), 10, () => {
          throw new Error('plan failed');
        }),
      ).rejects.toThrow('plan failed');
      expect(await subject.tokens()).toEqual([]);
      expect(await subject.journeyStatus(journey!)).toBe('awaiting_issue');

      expect(
        await subject.store.issueForWave({ waveId: wave, cause: null }, at(2), 10, linksAt(at(2))),
      ).toHaveLength(1);
    });

    it('supersedes the live token an account still has when it gets a new one', async () => {
      const first = await subject.launchedWave(openWave);
      const [oldJourney] = await journeysIn(first, 1, 'again');
      const [old] = await subject.store.issueForWave(
        { waveId: first, cause: null },
        at(1),
        10,
        linksAt(at(1)),
      );
      await subject.closeJourney(oldJourney!);
      const second = await subject.launchedWave(openWave);
      await subject.addJourney(second, 'legacy-again-1');
      const seen: LinkTarget[][] = [];

      const [replacement] = await subject.store.issueForWave(
        { waveId: second, cause: null },
        at(2),
        10,
        linksAt(at(2), seen),
      );

      expect(seen[0]?.[0]?.liveTokenId).toBe(old?.id);
      const tokens = await subject.tokens();
      expect(tokens.find((token) => token.id === old?.id)).toMatchObject({
        status: 'superseded',
        supersededBy: replacement?.id,
      });
      expect(tokens.filter((token) => token.status === 'live').map((token) => token.id)).toEqual([
        replacement?.id,
      ]);
    });

    it('marks links delivered once: a later mark keeps the first delivery time', async () => {
      const wave = await subject.launchedWave(openWave);
      await journeysIn(wave, 1);
      const [issuance] = await subject.store.issueForWave(
        { waveId: wave, cause: null },
        at(1),
        10,
        linksAt(at(1)),
      );

      await subject.store.markDelivered([issuance!.id], at(2));
      await subject.store.markDelivered([issuance!.id], at(3));
      await subject.store.markDelivered([], at(4));

      expect((await subject.tokens())[0]?.deliveredAt).toEqual(at(2));
    });

    it('replaces live links left undelivered past the lease, and only those', async () => {
      const wave = await subject.launchedWave(openWave);
      await journeysIn(wave, 4, 'lease');
      const issued = await subject.store.issueForWave(
        { waveId: wave, cause: null },
        at(0),
        10,
        linksAt(at(0)),
      );
      const byAccount = (index: number) =>
        issued.find((issuance) => issuance.legacyAccountId === `legacy-lease-${index}`)!;
      await subject.store.markDelivered([byAccount(1).id], at(10));
      await subject.placeHold('legacy-lease-2');
      const seen: LinkTarget[][] = [];

      const replaced = await subject.store.replaceUndelivered(at(200), 120, 10, linksAt(at(200), seen));

      expect(seen[0]?.map((target) => target.liveTokenId).sort()).toEqual(
        [byAccount(3).id, byAccount(4).id].sort(),
      );
      expect(replaced).toHaveLength(2);
      expect(await subject.store.replaceUndelivered(at(250), 120, 10, linksAt(at(250)))).toEqual([]);
      const superseded = (await subject.tokens()).filter((token) => token.status === 'superseded');
      expect(superseded.map((token) => token.id).sort()).toEqual([byAccount(3).id, byAccount(4).id].sort());
    });

    it('expires live links past their expiry, earliest first, up to the limit, with the events announced', async () => {
      const wave = await subject.launchedWave(openWave);
      const journeys = await journeysIn(wave, 2);
      const [earlier] = await subject.store.issueForWave(
        { waveId: wave, cause: null },
        at(0),
        1,
        linksAt(at(0)),
      );
      const [later] = await subject.store.issueForWave(
        { waveId: wave, cause: null },
        at(60),
        1,
        linksAt(at(60)),
      );
      const announced: string[][] = [];
      const announce = (expired: Array<{ issuanceId: string }>) => {
        announced.push(expired.map((token) => token.issuanceId));
        return [];
      };

      expect(await subject.store.expireDue(at(30 * 60 - 1), 10, announce)).toBe(0);
      expect(await subject.store.expireDue(at(2 * 3600), 1, announce)).toBe(1);
      expect(await subject.store.expireDue(at(2 * 3600), 1, announce)).toBe(1);
      expect(await subject.store.expireDue(at(2 * 3600), 1, announce)).toBe(0);

      expect(announced).toEqual([[earlier?.id], [later?.id]]);
      expect((await subject.tokens()).map((token) => token.status)).toEqual(['expired', 'expired']);
      expect(await subject.journeyStatus(journeys[0]!)).toBe('expired');
    });

    it('resolves "send me a new link" requests once, with the candidates and outcomes it stores', async () => {
      const wave = await subject.launchedWave(openWave);
      const [journey] = await journeysIn(wave, 1, 'reissue');
      const [first] = await subject.store.issueForWave(
        { waveId: wave, cause: null },
        at(0),
        10,
        linksAt(at(0)),
      );
      await subject.requestReissue('legacy-reissue-1');
      await subject.requestReissue('legacy-nobody');
      let pending: PendingReissueRequests | undefined;
      let issued: Issuance[] = [];

      const processed = await subject.store.processReissueRequests(at(600), 10, (requests) => {
        pending = requests;
        const { plan } = planLinks(
          requests.candidates.map((candidate) => candidate.target),
          'reissue',
          at(600),
          clock,
        );
        issued = plan.issuances;
        return {
          ...plan,
          outcomes: new Map(requests.candidates.map((candidate) => [candidate.requestId, 'issued'])),
        };
      });

      expect(processed).toEqual({ requests: 2, issuances: issued });
      expect(pending?.requestIds).toHaveLength(2);
      expect(pending?.candidates).toEqual([
        {
          requestId: pending?.requestIds[0],
          target: expect.objectContaining({ journeyId: journey, liveTokenId: first?.id }),
          journeyStatus: 'issued',
          waveStartsAt: openWave.startsAt,
          waveCutoffAt: openWave.cutoffAt,
          held: false,
          lastIssuedAt: at(0),
        },
      ]);
      expect(await subject.reissueOutcomes()).toEqual(['issued', 'unknown']);
      expect((await subject.tokens()).find((token) => token.id === first?.id)?.status).toBe('superseded');
      expect(
        await subject.store.processReissueRequests(at(700), 10, () => {
          throw new Error('nothing is pending');
        }),
      ).toEqual({ requests: 0, issuances: [] });
    });
  });
}
