import type { LinkTarget } from '../issuance/domain/issuance';
import {
  at,
  email,
  journeysIn,
  linksAt,
  openWave,
  type IssuanceStoreUnderTest,
} from './issuance-store.harness';

/** The contract's cases on issuing a wave's links: which waves, which journeys, at what pace. */
export function issuingCases(current: () => IssuanceStoreUnderTest): void {
  it('lists the waves issuing now, earliest start first: started, before cutoff, with journeys waiting', async () => {
    const later = await current().launchedWave({ ...openWave, startsAt: at(60) });
    const earlier = await current().launchedWave(openWave);
    const notStarted = await current().launchedWave({ ...openWave, startsAt: at(3600) });
    const pastCutoff = await current().launchedWave({ ...openWave, cutoffAt: at(100) });
    await current().launchedWave(openWave);
    for (const wave of [later, earlier, notStarted, pastCutoff]) await journeysIn(current(), wave, 1);

    expect(await current().store.wavesIssuing(at(120))).toEqual([
      { waveId: earlier, cause: null },
      { waveId: later, cause: null },
    ]);
  });

  it('issues one link per waiting journey with a channel and no hold, storing tokens, journeys and events', async () => {
    const wave = await current().launchedWave(openWave);
    const [first, second] = await journeysIn(current(), wave, 2, 'a');
    await current().addAccount('legacy-held', email('legacy-held'));
    const held = await current().addJourney(wave, 'legacy-held');
    await current().placeHold('legacy-held');
    await current().addAccount('legacy-no-contact', []);
    const unreachable = await current().addJourney(wave, 'legacy-no-contact');
    const seen: LinkTarget[][] = [];

    const issued = await current().store.issueForWave(
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
    expect(await current().journeyStatus(first!)).toBe('issued');
    expect(await current().journeyStatus(held)).toBe('awaiting_issue');
    expect(await current().journeyStatus(unreachable)).toBe('awaiting_issue');
    const tokens = await current().tokens();
    expect(tokens.map((token) => token.id).sort()).toEqual(issued.map((issuance) => issuance.id).sort());
    expect(tokens.every((token) => token.status === 'live' && token.deliveredAt === undefined)).toBe(true);
    expect(await current().storedEventIds()).toHaveLength(2);
  });

  it('issues at the wave pace: a full second at the start, then what the elapsed time allows', async () => {
    const wave = await current().launchedWave({ ...openWave, pacePerSecond: 2 });
    await journeysIn(current(), wave, 6);
    const issue = (seconds: number) =>
      current().store.issueForWave({ waveId: wave, cause: null }, at(seconds), 10, linksAt(at(seconds)));

    expect(await issue(0)).toHaveLength(2);
    const seen: LinkTarget[][] = [];
    expect(
      await current().store.issueForWave({ waveId: wave, cause: null }, at(0), 10, linksAt(at(0), seen)),
    ).toEqual([]);
    expect(seen).toEqual([]);
    expect(await issue(1)).toHaveLength(2);
    expect(await issue(1.5)).toHaveLength(1);
  });

  it('never gives one journey two links when issuers run at once', async () => {
    const wave = await current().launchedWave(openWave);
    const journeys = await journeysIn(current(), wave, 6);
    const issue = () => current().store.issueForWave({ waveId: wave, cause: null }, at(1), 4, linksAt(at(1)));

    const batches = await Promise.all([issue(), issue(), issue()]);
    const issuedJourneys = batches.flat().map((issuance) => issuance.journeyId);

    expect(new Set(issuedJourneys).size).toBe(issuedJourneys.length);
    expect(issuedJourneys.length).toBe(journeys.length);
    expect((await current().tokens()).filter((token) => token.status === 'live')).toHaveLength(
      journeys.length,
    );
  });

  it('stores nothing of a batch whose plan fails, and issues those journeys later', async () => {
    const wave = await current().launchedWave(openWave);
    const [journey] = await journeysIn(current(), wave, 1);

    await expect(
      current().store.issueForWave({ waveId: wave, cause: null }, at(1), 10, () => {
        throw new Error('plan failed');
      }),
    ).rejects.toThrow('plan failed');
    expect(await current().tokens()).toEqual([]);
    expect(await current().journeyStatus(journey!)).toBe('awaiting_issue');

    expect(
      await current().store.issueForWave({ waveId: wave, cause: null }, at(2), 10, linksAt(at(2))),
    ).toHaveLength(1);
  });

  it('supersedes the live token an account still has when it gets a new one', async () => {
    const first = await current().launchedWave(openWave);
    const [oldJourney] = await journeysIn(current(), first, 1, 'again');
    const [old] = await current().store.issueForWave(
      { waveId: first, cause: null },
      at(1),
      10,
      linksAt(at(1)),
    );
    await current().closeJourney(oldJourney!);
    const second = await current().launchedWave(openWave);
    await current().addJourney(second, 'legacy-again-1');
    const seen: LinkTarget[][] = [];

    const [replacement] = await current().store.issueForWave(
      { waveId: second, cause: null },
      at(2),
      10,
      linksAt(at(2), seen),
    );

    expect(seen[0]?.[0]?.liveTokenId).toBe(old?.id);
    const tokens = await current().tokens();
    expect(tokens.find((token) => token.id === old?.id)).toMatchObject({
      status: 'superseded',
      supersededBy: replacement?.id,
    });
    expect(tokens.filter((token) => token.status === 'live').map((token) => token.id)).toEqual([
      replacement?.id,
    ]);
  });
}
