import { Injectable } from '@nestjs/common';
import type { RekeyEvent } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import { unnestRows, type UnnestColumn } from '@rekey/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { storedEvidenceOf, type MatchResult, type ReviewReason } from '../../matching';
import type { AccountBatch, AccountMatchStore, BatchOutcome, ReviewDraft } from '../account-match-store.port';
import type { AccountState } from '../domain/account-change';

interface StateRow {
  legacy_id: string;
  result_hash: string | null;
  link_target: string | null;
  link_created: boolean | null;
  review_id: string | null;
  review_status: 'open' | 'pending_approval' | null;
  review_reasons: ReviewReason[] | null;
  review_candidates: string[] | null;
  excluded: boolean;
}

/**
 * Batches are written as multi-row statements: each table gets one statement per batch whose rows
 * arrive as a single JSON array (jsonb_to_recordset), so a batch of thousands is a handful of round
 * trips and never runs into the parameter limit.
 */
@Injectable()
export class PgAccountMatchStore implements AccountMatchStore {
  constructor(private readonly dataSource: DataSource) {}

  async statesOf(legacyIds: readonly string[]): Promise<Map<string, AccountState>> {
    if (legacyIds.length === 0 || !(await this.anyStateBetweenBoundsOf(legacyIds))) return new Map();
    // Each table holds at most one row per account (primary key, or the partial unique index of
    // active cases), so LIMIT 1 changes no answer: it keeps every lookup an index probe per id.
    // As plain joins the planner hashes whole tables, which grow with every batch of a run.
    const rows: StateRow[] = await this.dataSource.query(
      `SELECT ids.id AS legacy_id,
              m.result_hash,
              l.target_account_id AS link_target, l.target_account_created AS link_created,
              r.id AS review_id, r.status AS review_status, r.reasons AS review_reasons,
              r.candidate_target_ids AS review_candidates,
              x.legacy_account_id IS NOT NULL AS excluded
         FROM unnest($1::text[]) AS ids(id)
         LEFT JOIN LATERAL (SELECT legacy_account_id, encode(result_hash, 'base64') AS result_hash
                              FROM account_match WHERE legacy_account_id = ids.id COLLATE "C" LIMIT 1) m ON true
         LEFT JOIN LATERAL (SELECT legacy_account_id, target_account_id, target_account_created
                              FROM identity_link WHERE legacy_account_id = ids.id COLLATE "C" LIMIT 1) l ON true
         LEFT JOIN LATERAL (SELECT id, status, reasons, candidate_target_ids
                              FROM review_item WHERE legacy_account_id = ids.id COLLATE "C"
                               AND status IN ('open', 'pending_approval') LIMIT 1) r ON true
         LEFT JOIN LATERAL (SELECT legacy_account_id
                              FROM account_exclusion WHERE legacy_account_id = ids.id COLLATE "C" LIMIT 1) x ON true
        WHERE m.legacy_account_id IS NOT NULL OR l.legacy_account_id IS NOT NULL
           OR r.id IS NOT NULL OR x.legacy_account_id IS NOT NULL`,
      [legacyIds],
    );
    const states = new Map<string, AccountState>();
    for (const row of rows) {
      const state: AccountState = { excluded: row.excluded };
      if (row.result_hash !== null) state.lastResultHash = row.result_hash;
      if (row.link_target !== null)
        state.link = { targetId: row.link_target, created: row.link_created === true };
      if (row.review_id !== null && row.review_status !== null) {
        state.activeReview = {
          id: row.review_id,
          status: row.review_status,
          reasons: row.review_reasons ?? [],
          candidateTargetIds: row.review_candidates ?? [],
        };
      }
      states.set(row.legacy_id, state);
    }
    return states;
  }

  /**
   * Whether any table holds a row for an id between the smallest and the largest of these: one
   * index descent per table. A first run's batches find none and skip the lookup per account, which
   * is otherwise four index probes for every account of the directory. Each descent is an ordered
   * scan of the table's own index with LIMIT 1, a plan the planner keeps whatever its statistics
   * say about a table the run is filling.
   */
  private async anyStateBetweenBoundsOf(legacyIds: readonly string[]): Promise<boolean> {
    const next = (table: string, filter = '') =>
      `(SELECT legacy_account_id FROM ${table} WHERE legacy_account_id >= b.first ${filter}
         ORDER BY legacy_account_id LIMIT 1) <= b.last`;
    const [row] = await this.dataSource.query(
      `SELECT coalesce(${next('account_match')}, false) OR coalesce(${next('identity_link')}, false)
           OR coalesce(${next('review_item', "AND status IN ('open', 'pending_approval')")}, false)
           OR coalesce(${next('account_exclusion')}, false) AS any
         FROM (SELECT min(id COLLATE "C") AS first, max(id COLLATE "C") AS last
                 FROM unnest($1::text[]) AS ids(id)) AS b`,
      [legacyIds],
    );
    return (row as { any: boolean }).any;
  }

  apply(batch: AccountBatch): Promise<BatchOutcome> {
    return this.dataSource.transaction(async (manager) => {
      await this.recordResults(manager, batch);
      const events: RekeyEvent[] = [];
      const linked = await this.insertLinks(manager, batch);
      for (const link of batch.links) if (linked.has(link.result.legacyId)) events.push(...link.events);
      if (batch.supersededReviewIds.length > 0) {
        await manager.query(
          `UPDATE review_item SET status = 'superseded', updated_at = $2
            WHERE id = ANY($1::uuid[]) AND status = 'open'`,
          [batch.supersededReviewIds, batch.at],
        );
      }
      const opened = await this.openReviews(manager, batch);
      const updated = await this.updateReviews(manager, batch);
      for (const draft of batch.openedReviews) if (opened.has(draft.reviewId)) events.push(draft.event);
      for (const draft of batch.updatedReviews) if (updated.has(draft.reviewId)) events.push(draft.event);
      await appendToOutbox(manager, events);
      return { linksCreated: linked.size, reviewsOpened: opened.size, eventsEmitted: events.length };
    });
  }

  private async recordResults(manager: EntityManager, batch: AccountBatch): Promise<void> {
    if (batch.results.length === 0) return;
    const rows = unnestRows(
      batch.results,
      [...resultColumns, { name: 'result_hash', type: 'text', value: (row) => row.hash }],
      'r',
      3,
    );
    await manager.query(
      `INSERT INTO account_match (legacy_account_id, run_id, outcome, target_account_id, band, probability,
                                  segments, primary_segment, review_reasons, evidence_pattern, evidence_rule_mask,
                                  evidence_method, evidence_contacts, evidence_detail, contact_state, result_hash,
                                  updated_at)
       SELECT r.legacy_account_id, $1, r.outcome, r.target_account_id, r.band, r.probability,
              ${listOf('r.segments')}, r.primary_segment, ${listOf('r.review_reasons')}, r.evidence_pattern,
              r.evidence_rule_mask, r.evidence_method, ${listOf('r.evidence_contacts')}, r.evidence_detail,
              r.contact_state,
              decode(r.result_hash, 'base64'), $2
         FROM ${rows.from}
       ON CONFLICT (legacy_account_id) DO UPDATE SET
         run_id = EXCLUDED.run_id, outcome = EXCLUDED.outcome, target_account_id = EXCLUDED.target_account_id,
         band = EXCLUDED.band, probability = EXCLUDED.probability, segments = EXCLUDED.segments,
         primary_segment = EXCLUDED.primary_segment, review_reasons = EXCLUDED.review_reasons,
         evidence = NULL, evidence_pattern = EXCLUDED.evidence_pattern,
         evidence_rule_mask = EXCLUDED.evidence_rule_mask, evidence_method = EXCLUDED.evidence_method,
         evidence_contacts = EXCLUDED.evidence_contacts, evidence_detail = EXCLUDED.evidence_detail,
         contact_state = EXCLUDED.contact_state,
         result_hash = EXCLUDED.result_hash,
         updated_at = EXCLUDED.updated_at`,
      [batch.runId, batch.at, ...rows.values],
    );
  }

  private async insertLinks(manager: EntityManager, batch: AccountBatch): Promise<Set<string>> {
    if (batch.links.length === 0) return new Set();
    const rows = unnestRows(
      batch.links.map(({ result }) => result),
      [
        { name: 'legacy_account_id', type: 'text', value: (result) => result.legacyId },
        { name: 'target_account_id', type: 'text', value: (result) => result.targetId },
        { name: 'method', type: 'text', value: (result) => result.evidence?.method ?? 'probabilistic' },
        { name: 'probability', type: 'double precision', value: (result) => result.probability },
      ],
      'r',
      3,
    );
    // A link a reviewer made while the run was computing wins: DO NOTHING, and no event for it.
    const written: Array<{ legacy_account_id: string }> = await manager.query(
      `INSERT INTO identity_link (legacy_account_id, target_account_id, target_account_created, method, band,
                                  probability, run_id, linked_at)
       SELECT r.legacy_account_id, r.target_account_id, false, r.method, 'high', r.probability, $1, $2
         FROM ${rows.from}
       ON CONFLICT (legacy_account_id) DO NOTHING
       RETURNING legacy_account_id`,
      [batch.runId, batch.at, ...rows.values],
    );
    return new Set(written.map((row) => row.legacy_account_id));
  }

  private async openReviews(manager: EntityManager, batch: AccountBatch): Promise<Set<string>> {
    if (batch.openedReviews.length === 0) return new Set();
    const rows = unnestRows(
      batch.openedReviews,
      [...reviewColumns, { name: 'kind', type: 'text', value: (draft) => (draft as OpenedReview).kind }],
      'r',
      3,
    );
    const written: Array<{ id: string }> = await manager.query(
      `INSERT INTO review_item (id, legacy_account_id, kind, status, run_id, reasons, candidate_target_ids,
                                target_account_id, band, probability, segments, primary_segment, verified_contacts,
                                evidence_pattern, evidence_rule_mask, evidence_method, evidence_contacts,
                                evidence_detail, created_at, updated_at)
       SELECT r.id, r.legacy_account_id, r.kind, 'open', $1, ${listOf('r.reasons')},
              ${jsonListOf('r.candidate_target_ids')}, r.target_account_id, r.band, r.probability,
              ${listOf('r.segments')}, r.primary_segment, r.verified_contacts, r.evidence_pattern,
              r.evidence_rule_mask, r.evidence_method, ${listOf('r.evidence_contacts')}, r.evidence_detail, $2, $2
         FROM ${rows.from}
       ON CONFLICT (legacy_account_id) WHERE status IN ('open', 'pending_approval') DO NOTHING
       RETURNING id`,
      [batch.runId, batch.at, ...rows.values],
    );
    return new Set(written.map((row) => row.id));
  }

  private async updateReviews(manager: EntityManager, batch: AccountBatch): Promise<Set<string>> {
    if (batch.updatedReviews.length === 0) return new Set();
    const rows = unnestRows(batch.updatedReviews, reviewColumns, 'r', 3);
    // Only a case still open is refreshed: one a reviewer has decided on keeps what they saw.
    const written: Array<{ id: string }> = await manager.query(
      `UPDATE review_item AS item SET
         run_id = $1, reasons = ${listOf('r.reasons')},
         candidate_target_ids = ${jsonListOf('r.candidate_target_ids')}, target_account_id = r.target_account_id,
         band = r.band, probability = r.probability, segments = ${listOf('r.segments')},
         primary_segment = r.primary_segment, verified_contacts = r.verified_contacts, evidence = NULL,
         evidence_pattern = r.evidence_pattern, evidence_rule_mask = r.evidence_rule_mask,
         evidence_method = r.evidence_method, evidence_contacts = ${listOf('r.evidence_contacts')},
         evidence_detail = r.evidence_detail, updated_at = $2
         FROM ${rows.from}
        WHERE item.id = r.id AND item.status = 'open'
       RETURNING item.id`,
      [batch.runId, batch.at, ...rows.values],
    );
    return new Set(written.map((row) => row.id));
  }
}

type OpenedReview = AccountBatch['openedReviews'][number];

// Segments, reasons and contact kinds are words of our own vocabulary, never holding a comma:
// joined, they travel as one text per row. Account ids can hold anything, so they travel as JSON.
const joined = (words: readonly string[] | undefined) => (words === undefined ? null : words.join(','));
const listOf = (column: string) => `string_to_array(${column}, ',')`;
const jsonListOf = (column: string) => `ARRAY(SELECT jsonb_array_elements_text(${column}))`;

function evidenceColumns<Row>(resultOf: (row: Row) => MatchResult): UnnestColumn<Row>[] {
  // Each column reads the same stored form of a row's evidence: build it once per result.
  const byResult = new WeakMap<MatchResult, ReturnType<typeof storedEvidenceOf>>();
  const stored = (row: Row) => {
    const result = resultOf(row);
    let evidence = byResult.get(result);
    if (evidence === undefined) {
      evidence = storedEvidenceOf(result.comparison, result.nearMisses);
      byResult.set(result, evidence);
    }
    return evidence;
  };
  return [
    { name: 'evidence_pattern', type: 'integer', value: (row) => stored(row).evidence_pattern },
    { name: 'evidence_rule_mask', type: 'integer', value: (row) => stored(row).evidence_rule_mask },
    { name: 'evidence_method', type: 'text', value: (row) => stored(row).evidence_method },
    {
      name: 'evidence_contacts',
      type: 'text',
      value: (row) => joined(stored(row).evidence_contacts ?? undefined),
    },
    {
      name: 'evidence_detail',
      type: 'jsonb',
      value: (row) => {
        const detail = stored(row).evidence_detail;
        return detail === null ? null : JSON.stringify(detail);
      },
    },
  ];
}

function matchColumns<Row>(resultOf: (row: Row) => MatchResult): UnnestColumn<Row>[] {
  return [
    { name: 'legacy_account_id', type: 'text', value: (row) => resultOf(row).legacyId },
    { name: 'target_account_id', type: 'text', value: (row) => resultOf(row).targetId ?? null },
    { name: 'band', type: 'text', value: (row) => resultOf(row).band },
    { name: 'probability', type: 'double precision', value: (row) => resultOf(row).probability },
    { name: 'segments', type: 'text', value: (row) => joined(resultOf(row).segments) },
    { name: 'primary_segment', type: 'text', value: (row) => resultOf(row).primarySegment },
    ...evidenceColumns(resultOf),
  ];
}

const resultColumns: UnnestColumn<AccountBatch['results'][number]>[] = [
  ...matchColumns<AccountBatch['results'][number]>(({ result }) => result),
  { name: 'outcome', type: 'text', value: ({ result }) => result.outcome },
  { name: 'review_reasons', type: 'text', value: ({ result }) => joined(result.reviewReasons) },
  { name: 'contact_state', type: 'text', value: ({ result }) => result.contactState },
];

const reviewColumns: UnnestColumn<ReviewDraft>[] = [
  ...matchColumns<ReviewDraft>((draft) => draft.result),
  { name: 'id', type: 'uuid', value: (draft) => draft.reviewId },
  { name: 'reasons', type: 'text', value: (draft) => joined(draft.reasons) },
  { name: 'candidate_target_ids', type: 'jsonb', value: (draft) => JSON.stringify(draft.candidateTargetIds) },
  {
    name: 'verified_contacts',
    type: 'jsonb',
    value: (draft) => JSON.stringify(draft.result.verifiedContacts),
  },
];
