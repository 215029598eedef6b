import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { generateSyntheticDirectories } from '@rekey/synthetic-directories';
import { insertDirectory } from './directory-fixture';
import { matchingCases } from './matching-cases';
import { openMatchingDatabase, outboxEvents, startMatchingApi, tokenFor } from './matching-api';
import { RunMatching } from '../linking/run-matching';

interface ReviewView {
  id: string;
  legacyAccountId: string;
  status: string;
  reasons: string[];
  candidateTargetIds: string[];
  bestCandidate?: { targetAccountId: string; band: string; evidence?: { fields: unknown[] } };
  resolution?: { decision: string; note: string; resolvedBy: string; approvedBy?: string };
}

describe('the review queue', () => {
  let dataSource: DataSource;
  let app: INestApplication;
  let url: string;
  let reader: string;
  let rita: string;
  let sam: string;

  const call = async (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const list = async (query: string) =>
    (await (await call('GET', `/operator/reviews?${query}`, reader)).json()) as {
      items: ReviewView[];
      next?: string;
    };
  const caseOf = async (legacyAccountId: string): Promise<ReviewView> => {
    const [row] = await dataSource.query(
      `SELECT id FROM review_item WHERE legacy_account_id = $1 AND status = 'open'`,
      [legacyAccountId],
    );
    return (await (await call('GET', `/operator/reviews/${row.id}`, reader)).json()) as ReviewView;
  };
  const eventsOf = async (legacyAccountId: string) =>
    (await outboxEvents(dataSource)).filter((event) => event.key === legacyAccountId);

  beforeAll(async () => {
    ({ dataSource } = await openMatchingDatabase('identity_matching_reviews'));
    const population = generateSyntheticDirectories({ people: 2_000, seed: 5, now: new Date() });
    await insertDirectory(dataSource, 'legacy', [...population.legacy, ...matchingCases.legacy]);
    await insertDirectory(dataSource, 'target', [...population.target, ...matchingCases.target]);
    ({ app, url } = await startMatchingApi(dataSource));
    const run = await (await app.get(RunMatching).execute({ requestedBy: 'ops@rekey.example' })).completion;
    expect(run.status).toBe('completed');
    reader = await tokenFor('reader@rekey.example', ['review:read']);
    rita = await tokenFor('rita@rekey.example', ['review:read', 'review:write']);
    sam = await tokenFor('sam@rekey.example', ['review:read', 'review:write']);
  });

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
  });

  it('lists open cases with their reasons, candidates and evidence, filtered and paged', async () => {
    const shared = await list('reason=shared_contact&limit=200');
    expect(shared.items.map((item) => item.legacyAccountId)).toEqual(
      expect.arrayContaining(['L-ann', 'L-ben']),
    );
    expect(shared.items.every((item) => item.reasons.includes('shared_contact'))).toBe(true);

    const medium = await list('band=medium&limit=200');
    const maria = medium.items.find((item) => item.legacyAccountId === 'L-mh');
    expect(maria?.candidateTargetIds).toEqual(['T-mh']);
    expect(maria?.bestCandidate?.evidence?.fields).toHaveLength(6);

    const privileged = await list('segment=privileged&limit=200');
    expect(privileged.items.map((item) => item.legacyAccountId)).toContain('L-tw');

    const first = await list('limit=2');
    expect(first.items).toHaveLength(2);
    const second = await list(`limit=2&after=${first.next}`);
    expect(second.items[0]!.id > first.items[1]!.id).toBe(true);
  });

  it('rejects an unknown filter value naming the field', async () => {
    const response = await call('GET', '/operator/reviews?band=certain', reader);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'request.invalid', errors: [{ field: 'band' }] });
  });

  it('records who resolved a case and why, and emits review-resolved then a manual link', async () => {
    const maria = await caseOf('L-mh');
    const resolved = await call('POST', `/operator/reviews/${maria.id}/resolve`, rita, {
      decision: 'link',
      targetAccountId: 'T-mh',
      note: 'same person: maiden name spelling and new provider',
    });
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toMatchObject({
      status: 'resolved',
      resolution: {
        decision: 'link',
        resolvedBy: 'rita@rekey.example',
        note: expect.stringContaining('maiden'),
      },
    });
    const events = await eventsOf('L-mh');
    expect(events.map((event) => event.type)).toEqual([
      'rekey.identity.review-required.v1',
      'rekey.identity.review-resolved.v1',
      'rekey.identity.linked.v2',
      'rekey.identity.contacts-released.v1',
      'rekey.identity.contacts-released.v1',
    ]);
    expect(events[1]!.data).toMatchObject({
      decision: 'linked_existing',
      targetAccountId: 'T-mh',
      resolvedBy: { subject: 'rita@rekey.example', role: 'operator' },
    });
    expect(events[2]!.data).toMatchObject({
      method: 'manual_review',
      band: 'medium',
      linkedBy: { subject: 'rita@rekey.example', role: 'operator' },
      maskedContacts: [{ kind: 'email', masked: expect.stringContaining('*') }],
    });
    expect(JSON.stringify(events[2]!.data)).not.toContain('mh1985@oldmail.example');
    expect(events[3]).toMatchObject({
      topic: 'rekey.restricted.identity-contacts',
      data: {
        targetAccountId: 'T-mh',
        verifiedContacts: [{ kind: 'email', value: 'mh1985@oldmail.example' }],
      },
    });
    const [link] = await dataSource.query(`SELECT * FROM identity_link WHERE legacy_account_id = 'L-mh'`);
    expect(link).toMatchObject({
      target_account_id: 'T-mh',
      method: 'manual_review',
      linked_by: 'rita@rekey.example',
    });

    const twice = await call('POST', `/operator/reviews/${maria.id}/resolve`, sam, {
      decision: 'exclude',
      note: 'second opinion',
    });
    expect(twice.status).toBe(409);
    expect(twice.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await twice.json()).toMatchObject({ code: 'review.already-resolved' });
  });

  it('needs a note, and a link target that is a candidate or a target account', async () => {
    const ben = await caseOf('L-ben');
    const noNote = await call('POST', `/operator/reviews/${ben.id}/resolve`, rita, { decision: 'exclude' });
    expect(noNote.status).toBe(400);
    const nowhere = await call('POST', `/operator/reviews/${ben.id}/resolve`, rita, {
      decision: 'link',
      targetAccountId: 'T-nobody',
      note: 'found it',
    });
    expect(nowhere.status).toBe(422);
    expect(await nowhere.json()).toMatchObject({ code: 'review.target-not-candidate' });
  });

  it('links a new account on "create new", marking the target as to be created', async () => {
    const ann = await caseOf('L-ann');
    const resolved = await call('POST', `/operator/reviews/${ann.id}/resolve`, rita, {
      decision: 'create_new',
      note: 'household inbox; Ann has no account of her own yet',
    });
    expect(resolved.status).toBe(200);
    const linked = (await eventsOf('L-ann')).find((event) => event.type === 'rekey.identity.linked.v2');
    expect(linked?.data).toMatchObject({ targetAccountCreated: true, method: 'manual_review', evidence: [] });
  });

  it('holds a privileged resolution until a second, different reviewer approves it', async () => {
    const admin = await caseOf('L-tw');
    const pending = await call('POST', `/operator/reviews/${admin.id}/resolve`, rita, {
      decision: 'link',
      targetAccountId: 'T-tw',
      note: 'verified by phone with the admin',
    });
    expect(pending.status).toBe(200);
    expect(await pending.json()).toMatchObject({ status: 'pending_approval' });
    expect((await eventsOf('L-tw')).map((event) => event.type)).toEqual([
      'rekey.identity.review-required.v1',
    ]);

    const self = await call('POST', `/operator/reviews/${admin.id}/approve`, rita);
    expect(self.status).toBe(403);
    expect(self.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await self.json()).toMatchObject({ code: 'review.self-approval' });

    const approved = await call('POST', `/operator/reviews/${admin.id}/approve`, sam);
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({
      status: 'resolved',
      resolution: { resolvedBy: 'rita@rekey.example', approvedBy: 'sam@rekey.example' },
    });
    const events = await eventsOf('L-tw');
    expect(events[1]).toMatchObject({
      type: 'rekey.identity.review-resolved.v1',
      data: { approvedBy: { subject: 'sam@rekey.example' }, resolvedBy: { subject: 'rita@rekey.example' } },
    });
    expect(events[2]).toMatchObject({ type: 'rekey.identity.linked.v2', data: { segment: 'privileged' } });
    expect(events[3]).toMatchObject({
      type: 'rekey.identity.contacts-released.v1',
      data: { segment: 'privileged' },
    });
    expect((await call('POST', `/operator/reviews/${admin.id}/approve`, sam)).status).toBe(409);
  });

  it('keeps reviewers\u2019 decisions when the directories are matched again, and emits nothing but the run\u2019s end', async () => {
    const before = await outboxEvents(dataSource);
    const run = await (await app.get(RunMatching).execute({ requestedBy: 'ops@rekey.example' })).completion;
    expect(run.counts?.eventsEmitted).toBe(0);
    const emitted = (await outboxEvents(dataSource)).slice(before.length);
    expect(emitted.map((event) => event.type)).toEqual(['rekey.identity.match-run-finished.v1']);
    const links = await dataSource.query(
      `SELECT legacy_account_id, method FROM identity_link WHERE legacy_account_id IN ('L-mh', 'L-ann', 'L-tw')`,
    );
    expect(links).toHaveLength(3);
  });

  it('reports counts by outcome, band, segment and reason, the queue and samples with evidence', async () => {
    const response = await call('GET', '/operator/match-report', reader);
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      accounts: number;
      byOutcome: Record<string, number>;
      byReviewReason: Record<string, number>;
      reviewQueue: { open: number; pendingApproval: number; resolved: number };
      verifiedLinks: { manual_review: number };
      samples: Record<string, Array<{ evidence?: unknown }>>;
      lastRun?: { blocking?: { perRecord: { mean: number }; rules: Array<{ name: string }> } };
    };
    const [{ accounts }] = await dataSource.query(`SELECT count(*)::int AS accounts FROM account_match`);
    const [{ open }] = await dataSource.query(
      `SELECT count(*)::int AS open FROM review_item WHERE status = 'open'`,
    );
    expect(report.accounts).toBe(accounts);
    // Candidate pairs per legacy account, from the run's stored model, always.
    expect(report.lastRun?.blocking?.perRecord.mean).toBeGreaterThan(1);
    expect(report.lastRun?.blocking?.rules.map((rule) => rule.name)).toContain('birth-date');
    expect(report.reviewQueue).toEqual({ open, pendingApproval: 0, resolved: 3 });
    expect(report.verifiedLinks.manual_review).toBe(3);
    expect(report.byReviewReason['shared_contact']).toBeGreaterThanOrEqual(2);
    expect(report.samples['high']!.length).toBeGreaterThan(0);
    expect(report.samples['high']![0]!.evidence).toBeDefined();
  });

  it('refuses the queue without a token, and a resolution without review:write', async () => {
    const anonymous = await call('GET', '/operator/reviews');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const ben = await caseOf('L-ben');
    const readOnly = await call('POST', `/operator/reviews/${ben.id}/resolve`, reader, {
      decision: 'exclude',
      note: 'no',
    });
    expect(readOnly.status).toBe(403);
    expect((await call('GET', '/operator/match-report')).status).toBe(401);
  });
});
