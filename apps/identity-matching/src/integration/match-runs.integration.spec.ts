import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { generateSyntheticDirectories } from '@rekey/synthetic-directories';
import { evidenceOfRow, storedEvidenceSql } from '../matching';
import { RunMatching } from '../linking/run-matching';
import { insertDirectory } from './directory-fixture';
import { matchingCases } from './matching-cases';
import { openMatchingDatabase, outboxEvents, startMatchingApi, tokenFor } from './matching-api';

const MATCH_RUN_LOCK = 0x4d41544348;

describe('match runs over the imported directories', () => {
  let dataSource: DataSource;
  let app: INestApplication;
  let url: string;
  let legacyCount: number;
  let firstRun: {
    id: string;
    status: string;
    counts: Record<'legacy' | 'linked' | 'review' | 'new' | 'eventsEmitted', number>;
  };

  const post = async (path: string, token?: string) =>
    fetch(`${url}${path}`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });
  const get = async (path: string, token: string) =>
    fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    ({ dataSource } = await openMatchingDatabase('identity_matching_runs'));
    const population = generateSyntheticDirectories({ people: 2_000, seed: 5, now: new Date() });
    legacyCount = population.legacy.length + matchingCases.legacy.length;
    await insertDirectory(dataSource, 'legacy', [...population.legacy, ...matchingCases.legacy]);
    await insertDirectory(dataSource, 'target', [...population.target, ...matchingCases.target]);
    ({ app, url } = await startMatchingApi(dataSource));

    const operator = await tokenFor('ops@rekey.example', ['imports:write']);
    const started = await post('/operator/match-runs', operator);
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    const deadline = Date.now() + 60_000;
    do {
      await new Promise((resolve) => setTimeout(resolve, 200));
      firstRun = (await (await get(`/operator/match-runs/${id}`, operator)).json()) as typeof firstRun;
    } while (firstRun.status === 'running' && Date.now() < deadline);
  });

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
  });

  it('stores one result per legacy account and counts them in the run', async () => {
    expect(firstRun.status).toBe('completed');
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM account_match`);
    expect(count).toBe(legacyCount);
    expect(firstRun.counts.legacy).toBe(legacyCount);
    expect(firstRun.counts.linked + firstRun.counts.review + firstRun.counts.new).toBe(legacyCount);
    expect(firstRun.counts.linked).toBeGreaterThan(legacyCount / 3);
  });

  it('emits one linked event and one contacts event per verified link and reader, and one review-required event per case', async () => {
    const events = await outboxEvents(dataSource);
    const linked = events.filter((event) => event.type === 'rekey.identity.linked.v2');
    const released = events.filter((event) => event.type === 'rekey.identity.contacts-released.v1');
    const required = events.filter((event) => event.type === 'rekey.identity.review-required.v1');
    const [{ links }] = await dataSource.query(`SELECT count(*)::int AS links FROM identity_link`);
    const [{ cases }] = await dataSource.query(`SELECT count(*)::int AS cases FROM review_item`);
    expect(linked).toHaveLength(links);
    expect(linked).toHaveLength(firstRun.counts.linked);
    // One copy for each restricted topic's reader (reset-issuance, enrollment).
    expect(released.filter((event) => event.topic === 'rekey.restricted.identity-contacts')).toHaveLength(
      links,
    );
    expect(released.filter((event) => event.topic === 'rekey.restricted.enrollment-contacts')).toHaveLength(
      links,
    );
    expect(released).toHaveLength(2 * links);
    expect(required).toHaveLength(cases);
    expect(required).toHaveLength(firstRun.counts.review);
    const finished = events.filter((event) => event.type === 'rekey.identity.match-run-finished.v1');
    expect(finished.map((event) => event.data)).toEqual([
      expect.objectContaining({
        runId: firstRun.id,
        status: 'completed',
        requestedBy: { subject: 'ops@rekey.example', role: 'operator' },
        counts: expect.objectContaining({ legacy: legacyCount, linked: firstRun.counts.linked }),
      }),
    ]);
    // The run's counts are about accounts; its own finished event is the one more.
    expect(firstRun.counts.eventsEmitted).toBe(events.length - 1);

    const zoltan = linked.find((event) => event.key === 'L-zk');
    expect(zoltan?.data).toMatchObject({
      targetAccountId: 'T-zk',
      method: 'deterministic',
      band: 'high',
      maskedContacts: [{ kind: 'email', masked: 'z*********s@m***.example' }],
    });
    expect(zoltan?.data['evidence']).toContainEqual(expect.objectContaining({ field: 'date_of_birth' }));
    expect(zoltan?.topic).toBe('rekey.identity');
    // In clear only on the restricted topics, one for reset-issuance and one for enrollment.
    const restricted = ['rekey.restricted.identity-contacts', 'rekey.restricted.enrollment-contacts'];
    expect(released.filter((event) => event.key === 'L-zk').map((event) => event.topic)).toEqual(restricted);
    for (const copy of released.filter((event) => event.key === 'L-zk')) {
      expect(copy.data).toMatchObject({
        targetAccountId: 'T-zk',
        verifiedContacts: [{ kind: 'email', value: 'zoltan.kiss@mail.example' }],
      });
    }
    const inClear = events.filter(
      (event) => !restricted.includes(event.topic) && JSON.stringify(event.data).includes('@mail.example'),
    );
    expect(inClear).toEqual([]);
  });

  it('sends two accounts sharing one inbox to review instead of linking them', async () => {
    const rows: Array<{ legacy_account_id: string; outcome: string; review_reasons: string[] }> =
      await dataSource.query(
        `SELECT legacy_account_id, outcome, review_reasons FROM account_match
          WHERE legacy_account_id IN ('L-ann', 'L-ben') ORDER BY legacy_account_id`,
      );
    for (const row of rows) {
      expect(row.outcome).toBe('review');
      expect(row.review_reasons).toContain('shared_contact');
    }
    const links = await dataSource.query(
      `SELECT 1 FROM identity_link WHERE legacy_account_id IN ('L-ann', 'L-ben')`,
    );
    expect(links).toHaveLength(0);
    const required = (await outboxEvents(dataSource)).filter(
      (event) => event.key === 'L-ann' && event.type === 'rekey.identity.review-required.v1',
    );
    expect(required[0]?.data['reasons']).toContain('shared_contact');
  });

  it('finds a typo in the family name with a changed email in the medium band, with its evidence', async () => {
    const [row] = await dataSource.query(
      `SELECT outcome, target_account_id, band, review_reasons, ${storedEvidenceSql('m')}
         FROM account_match AS m WHERE legacy_account_id = 'L-mh'`,
    );
    expect(row).toMatchObject({ outcome: 'review', target_account_id: 'T-mh', band: 'medium' });
    expect(row.review_reasons).toEqual(['medium_band']);
    const evidence = evidenceOfRow(row);
    expect(evidence?.method).toBe('probabilistic');
    expect(evidence?.blockingRules.length).toBeGreaterThan(0);
    expect(evidence?.fields).toContainEqual(
      expect.objectContaining({ field: 'family_name', level: 'jaro-winkler>=0.92' }),
    );
    expect(evidence?.fields).toContainEqual(expect.objectContaining({ field: 'email', level: 'different' }));
  });

  it('records an account with no candidate as new, without a link or a case', async () => {
    const [row] = await dataSource.query(
      `SELECT outcome, band FROM account_match WHERE legacy_account_id = 'L-new'`,
    );
    expect(row).toEqual({ outcome: 'new', band: 'none' });
    const settled = await dataSource.query(
      `SELECT 1 FROM identity_link WHERE legacy_account_id = 'L-new'
       UNION ALL SELECT 1 FROM review_item WHERE legacy_account_id = 'L-new'`,
    );
    expect(settled).toHaveLength(0);
  });

  it('emits nothing but its own end and changes nothing when run again over the same directories', async () => {
    const before = await outboxEvents(dataSource);
    const { completion } = await app.get(RunMatching).execute({ requestedBy: 'ops@rekey.example' });
    const again = await completion;
    expect(again.status).toBe('completed');
    expect(again.counts).toMatchObject({
      legacy: legacyCount,
      changed: 0,
      eventsEmitted: 0,
      linksCreated: 0,
    });
    const after = await outboxEvents(dataSource);
    expect(after.slice(before.length).map((event) => [event.type, event.data['runId']])).toEqual([
      ['rekey.identity.match-run-finished.v1', again.id],
    ]);
  });

  it('refuses a second run while one holds the lock, as a problem document', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock($1)`, [MATCH_RUN_LOCK]);
      const refused = await post(
        '/operator/match-runs',
        await tokenFor('ops@rekey.example', ['imports:write']),
      );
      expect(refused.status).toBe(409);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await refused.json()).toMatchObject({ code: 'match-run.already-running' });
    } finally {
      await runner.query(`SELECT pg_advisory_unlock($1)`, [MATCH_RUN_LOCK]);
      await runner.release();
    }
  });

  it('refuses to start a run without a token or without the imports:write scope', async () => {
    const anonymous = await post('/operator/match-runs');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const reviewer = await post(
      '/operator/match-runs',
      await tokenFor('rita@rekey.example', ['review:read']),
    );
    expect(reviewer.status).toBe(403);
    expect(await reviewer.json()).toMatchObject({ code: 'operator-auth.insufficient-scope' });
  });

  it('answers 404 for an unknown run', async () => {
    const operator = await tokenFor('ops@rekey.example', ['imports:write']);
    expect((await get('/operator/match-runs/not-a-run', operator)).status).toBe(404);
  });
});
