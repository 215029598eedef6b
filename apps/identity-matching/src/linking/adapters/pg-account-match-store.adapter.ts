import { Injectable } from '@nestjs/common';
import type { RekeyEvent } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import type { MatchResult, ReviewReason } from '../../matching';
import type { AccountBatch, AccountMatchStore, BatchOutcome, ReviewDraft } from '../account-match-store.port';
import type { AccountState } from '../domain/account-change';

// appendToOutbox binds 7 parameters per event; PostgreSQL allows 65,535 per statement.
const EVENTS_PER_STATEMENT = 9_000;

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

  apply(batch: AccountBatch): Promise<BatchOutcome> {
    return this.dataSource.transaction(async (manager) => {
      await this.recordResults(manager, batch);
      const events: RekeyEvent[] = [];
      const linked = await this.insertLinks(manager, batch);
      for (const { result, event } of batch.links) if (linked.has(result.legacyId)) events.push(event);
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
      for (let start = 0; start < events.length; start += EVENTS_PER_STATEMENT) {
        await appendToOutbox(manager, events.slice(start, start + EVENTS_PER_STATEMENT));
      }
      return { linksCreated: linked.size, reviewsOpened: opened.size, eventsEmitted: events.length };
    });
  }

  private async recordResults(manager: EntityManager, batch: AccountBatch): Promise<void> {
    if (batch.results.length === 0) return;
    const rows = batch.results.map(({ result, hash }) => ({
      legacy_account_id: result.legacyId,
      outcome: result.outcome,
      target_account_id: result.targetId ?? null,
      band: result.band,
      probability: result.probability,
      evidence: result.evidence ?? null,
      segments: result.segments,
      primary_segment: result.primarySegment,
      review_reasons: result.reviewReasons,
      result_hash: hash,
    }));
    await manager.query(
      `INSERT INTO account_match (legacy_account_id, run_id, outcome, target_account_id, band, probability,
                                  evidence, segments, primary_segment, review_reasons, result_hash, updated_at)
       SELECT r.legacy_account_id, $2, r.outcome, r.target_account_id, r.band, r.probability, r.evidence,
              r.segments, r.primary_segment, r.review_reasons, decode(r.result_hash, 'base64'), $3
         FROM jsonb_to_recordset($1::jsonb) AS r(legacy_account_id text, outcome text, target_account_id text,
              band text, probability double precision, evidence jsonb, segments text[], primary_segment text,
              review_reasons text[], result_hash text)
       ON CONFLICT (legacy_account_id) DO UPDATE SET
         run_id = EXCLUDED.run_id, outcome = EXCLUDED.outcome, target_account_id = EXCLUDED.target_account_id,
         band = EXCLUDED.band, probability = EXCLUDED.probability, evidence = EXCLUDED.evidence,
         segments = EXCLUDED.segments, primary_segment = EXCLUDED.primary_segment,
         review_reasons = EXCLUDED.review_reasons, result_hash = EXCLUDED.result_hash,
         updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(rows), batch.runId, batch.at],
    );
  }

  private async insertLinks(manager: EntityManager, batch: AccountBatch): Promise<Set<string>> {
    if (batch.links.length === 0) return new Set();
    const rows = batch.links.map(({ result }) => ({
      legacy_account_id: result.legacyId,
      target_account_id: result.targetId,
      method: result.evidence?.method ?? 'probabilistic',
      probability: result.probability,
    }));
    // A link a reviewer made while the run was computing wins: DO NOTHING, and no event for it.
    const written: Array<{ legacy_account_id: string }> = await manager.query(
      `INSERT INTO identity_link (legacy_account_id, target_account_id, target_account_created, method, band,
                                  probability, run_id, linked_at)
       SELECT r.legacy_account_id, r.target_account_id, false, r.method, 'high', r.probability, $2, $3
         FROM jsonb_to_recordset($1::jsonb) AS r(legacy_account_id text, target_account_id text, method text,
              probability double precision)
       ON CONFLICT (legacy_account_id) DO NOTHING
       RETURNING legacy_account_id`,
      [JSON.stringify(rows), batch.runId, batch.at],
    );
    return new Set(written.map((row) => row.legacy_account_id));
  }

  private async openReviews(manager: EntityManager, batch: AccountBatch): Promise<Set<string>> {
    if (batch.openedReviews.length === 0) return new Set();
    const rows = batch.openedReviews.map((draft) => ({ ...reviewRow(draft), kind: draft.kind }));
    const written: Array<{ id: string }> = await manager.query(
      `INSERT INTO review_item (id, legacy_account_id, kind, status, run_id, reasons, candidate_target_ids,
                                target_account_id, band, probability, evidence, segments, primary_segment,
                                verified_contacts, created_at, updated_at)
       SELECT r.id, r.legacy_account_id, r.kind, 'open', $2, r.reasons, r.candidate_target_ids,
              r.target_account_id, r.band, r.probability, r.evidence, r.segments, r.primary_segment,
              r.verified_contacts, $3, $3
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, legacy_account_id text, kind text, reasons text[],
              candidate_target_ids text[], target_account_id text, band text, probability double precision,
              evidence jsonb, segments text[], primary_segment text, verified_contacts jsonb)
       ON CONFLICT (legacy_account_id) WHERE status IN ('open', 'pending_approval') DO NOTHING
       RETURNING id`,
      [JSON.stringify(rows), batch.runId, batch.at],
    );
    return new Set(written.map((row) => row.id));
  }

  private async updateReviews(manager: EntityManager, batch: AccountBatch): Promise<Set<string>> {
    if (batch.updatedReviews.length === 0) return new Set();
    // Only a case still open is refreshed: one a reviewer has decided on keeps what they saw.
    const written: Array<{ id: string }> = await manager.query(
      `UPDATE review_item AS item SET
         run_id = $2, reasons = r.reasons, candidate_target_ids = r.candidate_target_ids,
         target_account_id = r.target_account_id, band = r.band, probability = r.probability,
         evidence = r.evidence, segments = r.segments, primary_segment = r.primary_segment,
         verified_contacts = r.verified_contacts, updated_at = $3
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, reasons text[], candidate_target_ids text[],
              target_account_id text, band text, probability double precision, evidence jsonb,
              segments text[], primary_segment text, verified_contacts jsonb)
        WHERE item.id = r.id AND item.status = 'open'
       RETURNING item.id`,
      [JSON.stringify(batch.updatedReviews.map(reviewRow)), batch.runId, batch.at],
    );
    return new Set(written.map((row) => row.id));
  }
}

function reviewRow(draft: ReviewDraft) {
  const result: MatchResult = draft.result;
  return {
    id: draft.reviewId,
    legacy_account_id: result.legacyId,
    reasons: draft.reasons,
    candidate_target_ids: draft.candidateTargetIds,
    target_account_id: result.targetId ?? null,
    band: result.band,
    probability: result.probability,
    evidence: result.evidence ?? null,
    segments: result.segments,
    primary_segment: result.primarySegment,
    verified_contacts: result.verifiedContacts,
  };
}
