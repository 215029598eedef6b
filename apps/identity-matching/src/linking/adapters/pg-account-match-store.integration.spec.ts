import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openMatchingDatabase } from '../../integration/matching-api';
import { PgAccountMatchStore } from './pg-account-match-store.adapter';

/**
 * What a run reads back about the accounts of a batch: nothing for accounts no table knows, each
 * table's row for those it does, whichever of the four tables holds it.
 */
describe('PgAccountMatchStore.statesOf', () => {
  let dataSource: DataSource;
  let store: PgAccountMatchStore;
  const runId = randomUUID();
  const at = new Date('2026-11-01T00:00:00Z');

  const review = async (legacyAccountId: string, status: string): Promise<string> => {
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO review_item (id, legacy_account_id, kind, status, run_id, reasons, candidate_target_ids,
                                band, probability, segments, primary_segment, verified_contacts,
                                created_at, updated_at)
       VALUES ($1, $2, 'match', $3, $4, '{medium_band}', '{T-1}', 'medium', 0.95, '{standard}', 'standard',
               '[]', $5, $5)`,
      [id, legacyAccountId, status, runId, at],
    );
    return id;
  };

  beforeAll(async () => {
    ({ dataSource } = await openMatchingDatabase('identity_matching_account_states'));
    store = new PgAccountMatchStore(dataSource);
    await dataSource.query(
      `INSERT INTO match_run (id, status, requested_by, started_at) VALUES ($1, 'completed', 'test', $2)`,
      [runId, at],
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('knows nothing of accounts when no table has a row', async () => {
    expect(await store.statesOf(['L-100', 'L-200', 'L-300'])).toEqual(new Map());
    expect(await store.statesOf([])).toEqual(new Map());
  });

  it('finds the row of each table, whether or not other accounts of the batch have one', async () => {
    await dataSource.query(
      `INSERT INTO account_match (legacy_account_id, run_id, outcome, band, probability, segments,
                                  primary_segment, review_reasons, result_hash, updated_at)
       VALUES ('L-110', $1, 'new', 'none', 0, '{standard}', 'standard', '{}', decode('AAEC', 'base64'), $2)`,
      [runId, at],
    );
    await dataSource.query(
      `INSERT INTO identity_link (legacy_account_id, target_account_id, target_account_created, method, band,
                                  probability, run_id, linked_at)
       VALUES ('L-120', 'T-120', false, 'deterministic', 'high', 1, $1, $2)`,
      [runId, at],
    );
    const openReview = await review('L-130', 'open');
    await review('L-140', 'resolved');
    const decided = await review('L-150', 'resolved');
    await dataSource.query(
      `INSERT INTO account_exclusion (legacy_account_id, review_id, excluded_by, excluded_at)
       VALUES ('L-150', $1, 'rita@rekey.example', $2)`,
      [decided, at],
    );

    const states = await store.statesOf(['L-100', 'L-110', 'L-120', 'L-130', 'L-140', 'L-150', 'L-160']);

    expect([...states.keys()].sort()).toEqual(['L-110', 'L-120', 'L-130', 'L-150']);
    expect(states.get('L-110')).toEqual({ excluded: false, lastResultHash: 'AAEC' });
    expect(states.get('L-120')).toEqual({ excluded: false, link: { targetId: 'T-120', created: false } });
    expect(states.get('L-130')).toEqual({
      excluded: false,
      activeReview: { id: openReview, status: 'open', reasons: ['medium_band'], candidateTargetIds: ['T-1'] },
    });
    expect(states.get('L-150')).toEqual({ excluded: true });
    // One account alone, and batches whose ids surround the known ones without naming them.
    expect(await store.statesOf(['L-120'])).toEqual(new Map([['L-120', states.get('L-120')]]));
    expect(await store.statesOf(['L-101', 'L-159'])).toEqual(new Map());
    expect(await store.statesOf(['L-000', 'L-999', 'L-140'])).toEqual(new Map());
  });

  it('orders ids as the database does, not as JavaScript compares them', async () => {
    // U+FF21 sorts after U+1F600 in JavaScript (UTF-16 units) but before it in UTF-8 bytes.
    const fullWidth = 'L-\uFF21';
    const emoji = 'L-\u{1F600}';
    await dataSource.query(
      `INSERT INTO identity_link (legacy_account_id, target_account_id, target_account_created, method, band,
                                  probability, run_id, linked_at)
       VALUES ($1, 'T-emoji', false, 'deterministic', 'high', 1, $2, $3)`,
      [emoji, runId, at],
    );
    const states = await store.statesOf([emoji, fullWidth]);
    expect(states.get(emoji)).toEqual({ excluded: false, link: { targetId: 'T-emoji', created: false } });
  });
});
