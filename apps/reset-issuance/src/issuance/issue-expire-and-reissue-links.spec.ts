import { randomUUID } from 'node:crypto';
import { FakeIssuanceStore, testTokenSealer } from '../testing';
import { hashResetToken } from '../tokens/domain/reset-token';
import { ExpireLinks } from './expire-links';
import type { IssuanceSettings } from './issuance-settings';
import { IssueWaveLinks } from './issue-wave-links';
import { ProcessReissueRequests } from './process-reissue-requests';

const start = new Date('2026-12-18T09:00:00Z');
let current = start;
const clock = { now: () => current, newId: () => randomUUID() };
const sealer = testTokenSealer();
const later = (seconds: number) => (current = new Date(start.getTime() + seconds * 1000));
const settings = { ISSUANCE_BATCH_SIZE: 10, REISSUE_COOLDOWN_SECONDS: 300 } as IssuanceSettings;
const waveId = randomUUID();

function storeWithWave(accounts: number, pacePerSecond = 1000): FakeIssuanceStore {
  const store = new FakeIssuanceStore();
  store.addLaunchedWave({
    id: waveId,
    startsAt: start,
    cutoffAt: new Date(start.getTime() + 7 * 24 * 3_600_000),
    pacePerSecond,
    linkLifetimeMinutes: 30,
  });
  for (let index = 1; index <= accounts; index += 1) {
    store.addAccount(`legacy-${index}`, [{ kind: 'email', value: `jane${index}@example.com` }]);
    store.addJourney(randomUUID(), waveId, `legacy-${index}`);
  }
  return store;
}

beforeEach(() => {
  current = start;
});

describe("a wave's links, from issue to expiry and re-issue", () => {
  it('issues a batch of links at the pace, and keeps the token in memory for the sender only', async () => {
    const store = storeWithWave(5, 3);
    const issue = new IssueWaveLinks(store, clock, settings, sealer);

    const [wave] = await issue.wavesIssuing();
    const links = await issue.execute(wave!);

    expect(links).toHaveLength(3);
    expect(store.tokens.map((token) => token.id)).toEqual(links.map((link) => link.issuance.id));
    expect(store.tokens.map((token) => token.tokenHash)).toEqual(
      links.map((link) => hashResetToken(link.token)),
    );
    expect(JSON.stringify(store.events)).not.toContain(links[0]!.token);
    expect(store.events.map((event) => event.type)).toEqual(Array(3).fill('rekey.reset.token-issued.v1'));
  });

  it('expires links past their lifetime and announces that none will be re-issued unasked', async () => {
    const store = storeWithWave(2);
    await new IssueWaveLinks(store, clock, settings, sealer).execute({ waveId, cause: null });
    const expire = new ExpireLinks(store, clock, settings);

    expect(await expire.execute()).toBe(0);
    later(31 * 60);
    expect(await expire.execute()).toBe(2);

    expect([...store.journeys.values()].map((journey) => journey.status)).toEqual(['expired', 'expired']);
    expect(store.events.filter((event) => event.type === 'rekey.reset.token-expired.v1')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ willBeReissued: false }) }),
      expect.objectContaining({ data: expect.objectContaining({ willBeReissued: false }) }),
    ]);
  });

  it('sends a new link on request past the cooldown, superseding the old one, and not again within it', async () => {
    const store = storeWithWave(1);
    const [first] = await new IssueWaveLinks(store, clock, settings, sealer).execute({ waveId, cause: null });
    const reissue = new ProcessReissueRequests(store, clock, settings, sealer);

    later(60);
    store.requestReissue({ legacyAccountId: 'legacy-1' });
    expect((await reissue.execute()).links).toEqual([]);
    later(600);
    store.requestReissue({ legacyAccountId: 'legacy-1' });
    store.requestReissue({ legacyAccountId: 'legacy-unknown' });
    const { requests, links } = await reissue.execute();

    expect(requests).toBe(2);
    expect(links.map((link) => link.issuance)).toEqual([
      expect.objectContaining({ trigger: 'reissue', supersedes: first!.issuance.id }),
    ]);
    expect(store.reissueOutcomes()).toEqual(['cooldown', 'issued', 'unknown']);
    expect(store.tokens.map((token) => token.status)).toEqual(['superseded', 'live']);
  });

  it('gives a held account nothing until its hold is released', async () => {
    const store = storeWithWave(1);
    store.hold('legacy-1');

    expect(await new IssueWaveLinks(store, clock, settings, sealer).execute({ waveId, cause: null })).toEqual(
      [],
    );
    expect(store.tokens).toEqual([]);
  });
});
