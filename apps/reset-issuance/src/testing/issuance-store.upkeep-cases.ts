import type { Issuance, LinkTarget } from '../issuance/domain/issuance';
import type { PendingReissueRequests } from '../issuance/issuance-store.port';
import { planLinks } from '../issuance/prepare-links';
import { hashResetToken } from '../tokens/domain/reset-token';
import {
  sealer,
  at,
  clock,
  email,
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

  it('keeps a sealed copy of a live link until it is delivered, and drops it then', async () => {
    const wave = await current().launchedWave(openWave);
    await journeysIn(current(), wave, 1);
    const [issuance] = await current().store.issueForWave(
      { waveId: wave, cause: null },
      at(1),
      10,
      linksAt(at(1)),
    );
    expect((await current().tokens())[0]?.sealed).toBe(true);

    await current().store.markDelivered([issuance!.id], at(2));

    expect((await current().tokens())[0]?.sealed).toBe(false);
  });

  it('hands links left undelivered past the lease back with their sealed token, and renews their lease', async () => {
    const wave = await current().launchedWave(openWave);
    await journeysIn(current(), wave, 4, 'resend');
    const issued = await current().store.issueForWave(
      { waveId: wave, cause: null },
      at(0),
      10,
      linksAt(at(0)),
    );
    const byAccount = (index: number) =>
      issued.find((issuance) => issuance.legacyAccountId === `legacy-resend-${index}`)!;
    await current().store.markDelivered([byAccount(1).id], at(10));
    await current().placeHold('legacy-resend-2');

    const claimed = await current().store.claimUndelivered(at(200), 120, 10);

    expect(claimed.map((link) => link.issuanceId).sort()).toEqual([byAccount(3).id, byAccount(4).id].sort());
    for (const link of claimed) {
      const original = issued.find((issuance) => issuance.id === link.issuanceId)!;
      // The same link: the sealed copy opens to the token whose hash is on file.
      expect(hashResetToken(sealer.open(link.sealedToken, link.tokenHash)!)).toEqual(
        Buffer.from(original.tokenHash),
      );
      expect(link).toMatchObject({ journeyId: original.journeyId, channelKind: 'email' });
      expect(link.contacts).toEqual(email(original.legacyAccountId));
      expect(link.expiresAt).toEqual(original.expiresAt);
    }
    // Claimed at 200: its lease runs again from then.
    expect(await current().store.claimUndelivered(at(250), 120, 10)).toEqual([]);
    expect(await current().store.claimUndelivered(at(321), 120, 10)).toHaveLength(2);
    // A link with a sealed copy is sent again, never replaced.
    expect(await current().store.replaceUndelivered(at(500), 120, 10, linksAt(at(500)))).toEqual([]);
    expect((await current().tokens()).filter((token) => token.status === 'superseded')).toEqual([]);
  });

  it('replaces an undelivered link only once its sealed copy is gone, superseding it', async () => {
    const wave = await current().launchedWave(openWave);
    await journeysIn(current(), wave, 2, 'replace');
    const issued = await current().store.issueForWave(
      { waveId: wave, cause: null },
      at(0),
      10,
      linksAt(at(0)),
    );
    const byAccount = (index: number) =>
      issued.find((issuance) => issuance.legacyAccountId === `legacy-replace-${index}`)!;
    await current().store.forgetSealedTokens([byAccount(1).id]);
    const seen: LinkTarget[][] = [];

    const replaced = await current().store.replaceUndelivered(at(200), 120, 10, linksAt(at(200), seen));

    expect(seen[0]?.map((target) => target.liveTokenId)).toEqual([byAccount(1).id]);
    expect(replaced).toHaveLength(1);
    expect(await current().store.replaceUndelivered(at(250), 120, 10, linksAt(at(250)))).toEqual([]);
    const tokens = await current().tokens();
    const superseded = tokens.filter((token) => token.status === 'superseded');
    expect(superseded).toEqual([expect.objectContaining({ id: byAccount(1).id, sealed: false })]);
    // The replacement is sealed in turn; the other link keeps its copy, to be sent again.
    expect(tokens.find((token) => token.id === replaced[0]!.id)?.sealed).toBe(true);
    expect(tokens.find((token) => token.id === byAccount(2).id)?.sealed).toBe(true);
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
    // An expired link is never sent again: its sealed copy is gone.
    expect((await current().tokens()).map((token) => token.sealed)).toEqual([false, false]);
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
        { clock, sealer },
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
