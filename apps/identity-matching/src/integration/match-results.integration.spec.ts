import type { INestApplication } from '@nestjs/common';
import { generateSyntheticDirectories } from '@rekey/synthetic-directories';
import type { DataSource } from 'typeorm';
import type { DirectoryRecord } from '../directory/domain/directory-record';
import { RunMatching } from '../linking/run-matching';
import { MatchResultsAnswer } from '../results/match-results.openapi';
import { insertDirectory } from './directory-fixture';
import { matchingCases } from './matching-cases';
import { openMatchingDatabase, startMatchingApi, tokenFor } from './matching-api';

type Page = ReturnType<typeof MatchResultsAnswer.parse>;

function aLegacyAccount(id: string, record: Partial<DirectoryRecord>): DirectoryRecord {
  return {
    side: 'legacy',
    id,
    emails: [],
    phones: [],
    givenName: 'Quentin',
    familyName: `Unmatched${id.slice(2)}`,
    roles: ['customer'],
    partnerLinked: false,
    socialProviders: [],
    mfaMethods: [],
    socialOnly: false,
    lastLoginAt: new Date(),
    ...record,
  };
}

// Accounts no target resembles, one per contact state that a generated population rarely shows.
const contactCases = [
  aLegacyAccount('L-cs-none', {}),
  aLegacyAccount('L-cs-unverified', { emails: [{ value: 'quentin.u@nowhere.example', verified: false }] }),
  aLegacyAccount('L-cs-stale', {
    emails: [{ value: 'quentin.s@nowhere.example', verified: true }],
    lastLoginAt: new Date('2015-01-01T00:00:00Z'),
  }),
];

describe('the match results listing', () => {
  let dataSource: DataSource;
  let app: INestApplication;
  let url: string;
  let reader: string;
  let legacyIds: string[];
  let runId: string;

  const get = (path: string, token?: string) =>
    fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const page = async (query: string): Promise<Page> => {
    const response = await get(`/operator/match-results?${query}`, reader);
    expect(response.status).toBe(200);
    return MatchResultsAnswer.parse(await response.json());
  };
  const everyPage = async (query: string, limit: number): Promise<Page['items']> => {
    const items: Page['items'] = [];
    let after: string | undefined;
    do {
      const answer = await page(`${query}&limit=${limit}${after ? `&after=${after}` : ''}`);
      expect(answer.run.id).toBe(runId);
      expect(answer.items.length).toBeLessThanOrEqual(limit);
      items.push(...answer.items);
      after = answer.next;
    } while (after);
    return items;
  };
  const runMatching = async () => {
    const { run, completion } = await app.get(RunMatching).execute({ requestedBy: 'ops@rekey.example' });
    expect((await completion).status).toBe('completed');
    return run.id;
  };

  beforeAll(async () => {
    ({ dataSource } = await openMatchingDatabase('identity_matching_results'));
    const population = generateSyntheticDirectories({ people: 400, seed: 11, now: new Date() });
    const legacy = [...population.legacy, ...matchingCases.legacy, ...contactCases];
    legacyIds = legacy.map((record) => record.id);
    await insertDirectory(dataSource, 'legacy', legacy);
    await insertDirectory(dataSource, 'target', [...population.target, ...matchingCases.target]);
    ({ app, url } = await startMatchingApi(dataSource));
    reader = await tokenFor('reviewer@rekey.example', ['review:read']);
  });

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
  });

  it('answers 404 as a problem document before any run', async () => {
    const response = await get('/operator/match-results', reader);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ code: 'match-results.no-run' });
    runId = await runMatching();
  });

  it('lists every legacy account exactly once across small pages, with its evidence', async () => {
    const items = await everyPage('', 37);
    const ids = items.map((item) => item.legacyAccountId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...legacyIds].sort());
    expect(ids).toEqual([...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    for (const item of items) {
      expect(item.storedByRunId).toBe(runId);
      expect(item.contactState).not.toBeNull();
      if (item.targetAccountId !== undefined) expect(item.evidence?.fields.length).toBeGreaterThan(0);
    }
    const zoltan = items.find((item) => item.legacyAccountId === 'L-zk');
    expect(zoltan).toMatchObject({
      outcome: 'linked',
      targetAccountId: 'T-zk',
      band: 'high',
      contactState: 'verified',
      evidence: { method: 'deterministic', verifiedContacts: ['email'] },
    });
    expect(zoltan?.evidence?.fields).toContainEqual(
      expect.objectContaining({ field: 'date_of_birth', level: 'exact' }),
    );
  });

  it('tells no contact, unverified contacts only and stale verified contacts apart', async () => {
    const items = await everyPage('', 1000);
    const stateOf = (id: string) => items.find((item) => item.legacyAccountId === id);
    expect(stateOf('L-cs-none')).toMatchObject({ contactState: 'none', outcome: 'new' });
    expect(stateOf('L-cs-none')?.segments).not.toContain('stale_contact');
    expect(stateOf('L-cs-unverified')).toMatchObject({ contactState: 'unverified_only' });
    expect(stateOf('L-cs-unverified')?.segments).toContain('stale_contact');
    expect(stateOf('L-cs-stale')).toMatchObject({ contactState: 'stale_verified' });
    expect(stateOf('L-cs-stale')?.segments).toContain('inactive');

    const none = await everyPage('contactState=none', 50);
    expect(none.map((item) => item.legacyAccountId)).toContain('L-cs-none');
    expect(
      none.every((item) => item.contactState === 'none' && !item.segments.includes('stale_contact')),
    ).toBe(true);
    const report = (await (await get('/operator/match-report', reader)).json()) as {
      byContactState: Record<string, number>;
    };
    expect(report.byContactState.none).toBe(none.length);
    expect(
      Object.values(report.byContactState as Record<string, number>).reduce((sum, count) => sum + count, 0),
    ).toBe(legacyIds.length);
  });

  it('filters by outcome, band and segment, each page and all of them together', async () => {
    const all = await everyPage('', 1000);
    const expected = (keep: (item: Page['items'][number]) => boolean) =>
      all.filter(keep).map((item) => item.legacyAccountId);

    const reviews = await everyPage('outcome=review', 7);
    expect(reviews.length).toBeGreaterThan(0);
    expect(reviews.map((item) => item.legacyAccountId)).toEqual(
      expected((item) => item.outcome === 'review'),
    );
    const none = await everyPage('band=none', 25);
    expect(none.map((item) => item.legacyAccountId)).toEqual(expected((item) => item.band === 'none'));
    const stale = await everyPage('segment=stale_contact', 5);
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.map((item) => item.legacyAccountId)).toEqual(
      expected((item) => item.segments.includes('stale_contact')),
    );
    const both = await everyPage('outcome=review&band=medium', 3);
    expect(both.map((item) => item.legacyAccountId)).toEqual(
      expected((item) => item.outcome === 'review' && item.band === 'medium'),
    );
  });

  it.each([
    ['outcome=maybe', 'outcome'],
    ['band=certain', 'band'],
    ['segment=vip', 'segment'],
    ['contactState=lost', 'contactState'],
    ['limit=5000', 'limit'],
    ['limit=0', 'limit'],
    ['after=L-100', 'after'],
    ['runId=not-a-uuid', 'runId'],
    ['colour=blue', 'colour'],
  ])('refuses %s with a 400 problem document naming %s', async (query, field) => {
    const response = await get(`/operator/match-results?${query}`, reader);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { code: string; errors: Array<{ field: string }> };
    expect(problem.code).toBe('request.invalid');
    expect(problem.errors.map((error) => error.field)).toContain(field);
  });

  it('refuses requests without a token or without the review:read scope', async () => {
    expect((await get('/operator/match-results')).status).toBe(401);
    const importer = await tokenFor('ops@rekey.example', ['imports:write']);
    const refused = await get('/operator/match-results', importer);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
  });

  it('lists the nearest candidates the run kept for accounts found new', async () => {
    const found = (await page('outcome=new&limit=1000')).items;
    const withNearMisses = found.filter((result) => result.nearMisses !== undefined);
    expect(withNearMisses.length).toBeGreaterThan(0);
    for (const result of withNearMisses) {
      expect(result.evidence).toBeUndefined();
      expect(result.nearMisses!.length).toBeGreaterThan(0);
      expect(result.nearMisses!.length).toBeLessThanOrEqual(3);
      for (const miss of result.nearMisses!) {
        expect(miss.targetId).toMatch(/^T-/);
        expect(miss.probability).toBeLessThan(0.5);
      }
    }
  });

  it('answers 409 for a page of a run another run has replaced, and 404 for an unknown run', async () => {
    const first = await page('limit=10');
    expect(first.next).toBeDefined();
    expect((await page(`runId=${runId}&limit=1`)).run.id).toBe(runId);

    const secondRunId = await runMatching();
    const stale = await get(`/operator/match-results?after=${first.next}`, reader);
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ code: 'match-results.run-superseded' });
    expect((await get(`/operator/match-results?runId=${runId}`, reader)).status).toBe(409);
    const unknown = await get('/operator/match-results?runId=0198a0b2-0000-7000-8000-00000000abcd', reader);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'match-results.run-unknown' });
    runId = secondRunId;
    expect((await page('limit=1')).run.id).toBe(secondRunId);
  });

  it('answers 409 with Retry-After while a run rewrites the results', async () => {
    const running = '0198a0b2-0000-7000-8000-00000000beef';
    await dataSource.query(
      `INSERT INTO match_run (id, status, requested_by, started_at) VALUES ($1, 'running', 'ops', now() + interval '1 second')`,
      [running],
    );
    try {
      const response = await get('/operator/match-results', reader);
      expect(response.status).toBe(409);
      expect(response.headers.get('retry-after')).toBe('30');
      expect(await response.json()).toMatchObject({ code: 'match-results.run-in-progress' });
    } finally {
      await dataSource.query(`DELETE FROM match_run WHERE id = $1`, [running]);
    }
  });
});
