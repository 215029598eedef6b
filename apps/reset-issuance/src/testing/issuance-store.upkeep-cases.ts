import type { Issuance, LinkTarget } from '../issuance/domain/issuance';
import type { PendingReissueRequests } from '../issuance/issuance-store.port';
import { planLinks } from '../issuance/prepare-links';
import {
  at,
  clock,
  journeysIn,
  linksAt,
  openWave,
  type IssuanceStoreUnderTest,
} from './issuance-store.harness';

/** The contract's cases on links once issued: delivery, replacement, expiry and re-issue. */
export function upkeepCases(current: () => IssuanceStoreUnderTest): void {
  it('marks links delivered once: a later mark keeps the first delivery time', async () => {
    const wave = await current().launchedWave(openWave);
    await journeysIn(current(), wave, 1);
    const [issuance] = await current().store.issueForWave(
      { waveId: wave, cause: null },
      at(1),
      10,
      linksAt(at(1)),
    );

    await current().store.markDelivered([issuance!.id], at(2));
    await current().store.markDelivered([issuance!.id], at(3));
    await current().store.markDelivered([], at(4));

    expect((await current().tokens())[0]?.deliveredAt).toEqual(at(2));
  });

  it('replaces live links left undelivered past the lease, and only those', async () => {
    const wave = await current().launchedWave(openWave);
    await journeysIn(current(), wave, 4, 'lease');
    const issued = await current().store.issueForWave(
      { waveId: wave, cause: null },
      at(0),
      10,
      linksAt(at(0)),
    );
    const byAccount = (index: number) =>
      issued.find((issuance) => issuance.legacyAccountId === `legacy-lease-${index}`)!;
    await current().store.markDelivered([byAccount(1).id], at(10));
    await current().placeHold('legacy-lease-2');
    const seen: LinkTarget[][] = [];

    const replaced = await current().store.replaceUndelivered(at(200), 120, 10, linksAt(at(200), seen));

    expect(seen[0]?.map((target) => target.liveTokenId).sort()).toEqual(
      [byAccount(3).id, byAccount(4).id].sort(),
    );
    expect(replaced).toHaveLength(2);
    expect(await current().store.replaceUndelivered(at(250), 120, 10, linksAt(at(250)))).toEqual([]);
    const superseded = (await current().tokens()).filter((token) => token.status === 'superseded');
    expect(superseded.map((token) => token.id).sort()).toEqual([byAccount(3).id, byAccount(4).id].sort());
  });

  it('expires live links past their expiry, earliest first, up to the limit, with the events announced', async () => {
    const wave = await current().launchedWave(openWave);
    const journeys = await journeysIn(current(), wave, 2);
    const [earlier] = await current().store.issueForWave(
      { waveId: wave, cause: null },
      at(0),
      1,
      linksAt(at(0)),
    );
    const [later] = await current().store.issueForWave(
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

    expect(await current().store.expireDue(at(30 * 60 - 1), 10, announce)).toBe(0);
    expect(await current().store.expireDue(at(2 * 3600), 1, announce)).toBe(1);
    expect(await current().store.expireDue(at(2 * 3600), 1, announce)).toBe(1);
    expect(await current().store.expireDue(at(2 * 3600), 1, announce)).toBe(0);

    expect(announced).toEqual([[earlier?.id], [later?.id]]);
    expect((await current().tokens()).map((token) => token.status)).toEqual(['expired', 'expired']);
    expect(await current().journeyStatus(journeys[0]!)).toBe('expired');
  });

  it('resolves "send me a new link" requests once, with the candidates and outcomes it stores', async () => {
    const wave = await current().launchedWave(openWave);
    const [journey] = await journeysIn(current(), wave, 1, 'reissue');
    const [first] = await current().store.issueForWave(
      { waveId: wave, cause: null },
      at(0),
      10,
      linksAt(at(0)),
    );
    await current().requestReissue('legacy-reissue-1');
    await current().requestReissue('legacy-nobody');
    let pending: PendingReissueRequests | undefined;
    let issued: Issuance[] = [];

    const processed = await current().store.processReissueRequests(at(600), 10, (requests) => {
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
    expect(await current().reissueOutcomes()).toEqual(['issued', 'unknown']);
    expect((await current().tokens()).find((token) => token.id === first?.id)?.status).toBe('superseded');
    expect(
      await current().store.processReissueRequests(at(700), 10, () => {
        throw new Error('nothing is pending');
      }),
    ).toEqual({ requests: 0, issuances: [] });
  });
}
