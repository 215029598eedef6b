import { Injectable } from '@nestjs/common';
import { appendToOutbox } from '@rekey/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import {
  evidenceOfRow,
  storedEvidenceSql,
  type LinkEvidence,
  type MatchBand,
  type ReviewReason,
  type Segment,
  type StoredEvidence,
  type VerifiedContact,
} from '../../matching';
import type { ReviewItem, Settlement } from '../domain/review-item';
import { ReviewNotFound } from '../domain/review.errors';
import type { ReviewChange, ReviewFilter, ReviewStore } from '../review-store.port';

interface ReviewRow extends StoredEvidence {
  id: string;
  legacy_account_id: string;
  kind: ReviewItem['kind'];
  status: ReviewItem['status'];
  run_id: string;
  reasons: ReviewReason[];
  candidate_target_ids: string[];
  target_account_id: string | null;
  band: MatchBand;
  probability: number;
  /** Spelled out by the runs that wrote rows before evidence_pattern existed. */
  evidence: LinkEvidence | null;
  segments: Segment[];
  primary_segment: Segment;
  verified_contacts: VerifiedContact[];
  decision: 'link' | 'create_new' | 'exclude' | null;
  decision_target_id: string | null;
  note: string | null;
  resolved_by: string | null;
  resolved_by_role: string | null;
  resolved_at: Date | null;
  approved_by: string | null;
  approved_by_role: string | null;
  approved_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const REVIEW_COLUMNS = `item.*, ${storedEvidenceSql('item')}`;

@Injectable()
export class PgReviewStore implements ReviewStore {
  constructor(private readonly dataSource: DataSource) {}

  async find(reviewId: string): Promise<ReviewItem | undefined> {
    const rows: ReviewRow[] = await this.dataSource.query(
      `SELECT ${REVIEW_COLUMNS} FROM review_item AS item WHERE id = $1`,
      [reviewId],
    );
    return rows[0] ? toItem(rows[0]) : undefined;
  }

  async list(filter: ReviewFilter): Promise<ReviewItem[]> {
    const conditions = ['status = $1'];
    const values: unknown[] = [filter.status];
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      values.push(value);
      conditions.push(condition(`$${values.length}`));
    };
    if (filter.reason) add((p) => `${p} = ANY(reasons)`, filter.reason);
    if (filter.segment) add((p) => `${p} = ANY(segments)`, filter.segment);
    if (filter.band) add((p) => `band = ${p}`, filter.band);
    if (filter.after) add((p) => `id > ${p}`, filter.after);
    values.push(filter.limit);
    const rows: ReviewRow[] = await this.dataSource.query(
      `SELECT ${REVIEW_COLUMNS} FROM review_item AS item
        WHERE ${conditions.join(' AND ')} ORDER BY id LIMIT $${values.length}`,
      values,
    );
    return rows.map(toItem);
  }

  async isTargetAccount(targetAccountId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM directory_record WHERE directory = 'target' AND account_id = $1`,
      [targetAccountId],
    );
    return rows.length > 0;
  }

  change(reviewId: string, change: (item: ReviewItem) => ReviewChange): Promise<ReviewItem> {
    return this.dataSource.transaction(async (manager) => {
      const rows: ReviewRow[] = await manager.query(
        `SELECT ${REVIEW_COLUMNS} FROM review_item AS item WHERE id = $1 FOR UPDATE`,
        [reviewId],
      );
      if (!rows[0]) throw new ReviewNotFound(reviewId);
      const { item, events, settlement } = change(toItem(rows[0]));
      const resolution = item.resolution;
      await manager.query(
        `UPDATE review_item SET status = $2, decision = $3, decision_target_id = $4, note = $5,
                resolved_by = $6, resolved_by_role = $7, resolved_at = $8, approved_by = $9,
                approved_by_role = $10, approved_at = $11, updated_at = $12
          WHERE id = $1`,
        [
          item.id,
          item.status,
          resolution?.decision ?? null,
          resolution?.targetAccountId ?? null,
          resolution?.note ?? null,
          resolution?.resolvedBy.subject ?? null,
          resolution?.resolvedBy.role ?? null,
          resolution?.resolvedAt ?? null,
          resolution?.approvedBy?.subject ?? null,
          resolution?.approvedBy?.role ?? null,
          resolution?.approvedAt ?? null,
          item.updatedAt,
        ],
      );
      if (settlement) await settle(manager, item, settlement);
      await appendToOutbox(manager, events);
      return item;
    });
  }
}

/** A resolution replaces whatever the account had: a reviewer's word is the last one. */
async function settle(manager: EntityManager, item: ReviewItem, settlement: Settlement): Promise<void> {
  if (settlement.kind === 'exclude') {
    await manager.query(`DELETE FROM identity_link WHERE legacy_account_id = $1`, [item.legacyAccountId]);
    await manager.query(
      `INSERT INTO account_exclusion (legacy_account_id, review_id, excluded_by, excluded_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (legacy_account_id) DO UPDATE SET review_id = $2, excluded_by = $3, excluded_at = $4`,
      [item.legacyAccountId, item.id, settlement.excludedBy, item.updatedAt],
    );
    return;
  }
  const compared = settlement.targetAccountId === item.targetAccountId && item.band !== 'none';
  await manager.query(
    `INSERT INTO identity_link (legacy_account_id, target_account_id, target_account_created, method, band,
                                probability, review_id, linked_by, approved_by, linked_at)
     VALUES ($1, $2, $3, 'manual_review', $4, $5, $6, $7, $8, $9)
     ON CONFLICT (legacy_account_id) DO UPDATE SET
       target_account_id = $2, target_account_created = $3, method = 'manual_review', band = $4,
       probability = $5, run_id = NULL, review_id = $6, linked_by = $7, approved_by = $8, linked_at = $9`,
    [
      item.legacyAccountId,
      settlement.targetAccountId,
      settlement.created,
      compared ? item.band : 'low',
      compared ? item.probability : 0,
      item.id,
      settlement.linkedBy,
      settlement.approvedBy ?? null,
      item.updatedAt,
    ],
  );
}

function toItem(row: ReviewRow): ReviewItem {
  const item: ReviewItem = {
    id: row.id,
    legacyAccountId: row.legacy_account_id,
    kind: row.kind,
    status: row.status,
    runId: row.run_id,
    reasons: row.reasons,
    candidateTargetIds: row.candidate_target_ids,
    band: row.band,
    probability: row.probability,
    segments: row.segments,
    primarySegment: row.primary_segment,
    verifiedContacts: row.verified_contacts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.target_account_id !== null) item.targetAccountId = row.target_account_id;
  const evidence = evidenceOfRow(row) ?? row.evidence;
  if (evidence) item.evidence = evidence;
  if (row.decision !== null && row.note !== null && row.resolved_by !== null && row.resolved_at !== null) {
    item.resolution = {
      decision: row.decision,
      note: row.note,
      resolvedBy: { subject: row.resolved_by, role: actorRole(row.resolved_by_role) },
      resolvedAt: row.resolved_at,
      ...(row.decision_target_id !== null ? { targetAccountId: row.decision_target_id } : {}),
      ...(row.approved_by !== null && row.approved_at !== null
        ? {
            approvedBy: { subject: row.approved_by, role: actorRole(row.approved_by_role) },
            approvedAt: row.approved_at,
          }
        : {}),
    };
  }
  return item;
}

function actorRole(role: string | null): 'operator' | 'support' | 'security' {
  return role === 'support' || role === 'security' ? role : 'operator';
}
