import { Injectable } from '@nestjs/common';
import type { RekeyEvent } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import { arrayParameter } from '@rekey/persistence';
import { DataSource } from 'typeorm';
import type { Issuance, LinkTarget } from '../domain/issuance';
import { available, refill, spend } from '../domain/token-bucket';
import { expireJourneysIn } from '../../journeys/adapters/journey-batch-statements.sql';
import { inCausedStep } from '../../shared/work-cause';
import type {
  ExpiredToken,
  IssuanceStore,
  IssuingWave,
  IssuePlan,
  PendingReissueRequests,
  ReissueResolution,
  UndeliveredLink,
} from '../issuance-store.port';
import { writeIssuances } from './issuance-writer';
import { claimSealedUndelivered, undeliveredLinkSql } from './undelivered-links.sql';
import { NOT_HELD, toLinkTarget, type LinkTargetRow } from './link-target-row';
import { processReissueRequests } from './reissue-requests';

@Injectable()
export class PgIssuanceStore implements IssuanceStore {
  /**
   * Per wave, the last account this process claimed: the next claim starts after it, so a batch
   * reads about a batch of journeys whichever index the planner picks, instead of walking past
   * every journey issued so far (within a wave issued faster than statistics are refreshed, it
   * picks the open-journey index and filters). Journeys it passed while another claim had them
   * locked are found when a claim reaches the end and the next one starts again from the first.
   */
  private readonly claimedUpTo = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  async wavesIssuing(now: Date): Promise<IssuingWave[]> {
    const rows: Array<{ id: string; launch_cause: IssuingWave['cause'] }> = await this.dataSource.query(
      // LATERAL ... LIMIT 1 keeps "has a journey waiting" a probe of the wave's index: as EXISTS,
      // the planner may hash every journey of the table on each tick.
      `SELECT w.id, w.launch_cause FROM wave w
       CROSS JOIN LATERAL (SELECT 1 FROM journey j
                            WHERE j.wave_id = w.id AND j.status = 'awaiting_issue' LIMIT 1) AS waiting
       WHERE w.status = 'launched' AND w.starts_at <= $1 AND w.cutoff_at > $1
       ORDER BY w.starts_at`,
      [now],
    );
    return rows.map((row) => ({ waveId: row.id, cause: row.launch_cause }));
  }

  async issueForWave(
    { waveId, cause }: IssuingWave,
    now: Date,
    limit: number,
    issue: (targets: LinkTarget[]) => IssuePlan,
  ): Promise<Issuance[]> {
    const allowed = await this.reservePace(waveId, now, limit);
    // A wave held back by its pace is asked again every tick: only a batch it issues gets a span.
    if (allowed === 0) return [];
    const after = this.claimedUpTo.get(waveId);
    return inCausedStep('issue wave links', [cause], { waveId }, () =>
      this.dataSource.transaction(async (manager) => {
        const rows: LinkTargetRow[] = await manager.query(
          // Claimed in account order, from where this process left off: a range of the
          // wave-and-status index, each account looked up from its journey.
          `SELECT j.id AS journey_id, j.legacy_account_id, j.wave_id, w.link_lifetime_minutes, e.verified_contacts,
           (SELECT t.id FROM reset_token t WHERE t.legacy_account_id = j.legacy_account_id AND t.status = 'live')
             AS live_token_id
         FROM journey j
         JOIN wave w ON w.id = j.wave_id
         CROSS JOIN LATERAL (SELECT a.verified_contacts FROM eligible_account a
                              WHERE a.legacy_account_id = j.legacy_account_id
                                AND jsonb_array_length(a.verified_contacts) > 0 LIMIT 1) AS e
         WHERE j.wave_id = $1 AND j.status = 'awaiting_issue' AND ${NOT_HELD('j.legacy_account_id')}
           AND ($3::text IS NULL OR j.legacy_account_id > $3::text)
         ORDER BY j.wave_id, j.status, j.legacy_account_id
         LIMIT $2 FOR UPDATE OF j SKIP LOCKED`,
          [waveId, allowed, after ?? null],
        );
        const last = rows.at(-1);
        if (rows.length < allowed || !last) this.claimedUpTo.delete(waveId);
        else this.claimedUpTo.set(waveId, last.legacy_account_id);
        const plan = issue(rows.map(toLinkTarget));
        await writeIssuances(manager, plan.issuances, plan.events);
        return plan.issuances;
      }),
    );
  }

  /**
   * Takes up to `limit` links from the wave's pace bucket in a transaction of its own, so that
   * several issuers (in one replica or many) claim and write journeys at the same time. What an
   * issuer reserved and did not use (fewer journeys left, or its transaction failed) is not given
   * back: the pace can only err on the slow side.
   */
  private reservePace(waveId: string, now: Date, limit: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [pacing]: Array<{ allowance: number; refilled_at: Date; pace_per_second: number }> =
        await manager.query(
          `SELECT p.allowance, p.refilled_at, w.pace_per_second FROM wave_pacing p JOIN wave w ON w.id = p.wave_id
            WHERE p.wave_id = $1 FOR UPDATE OF p`,
          [waveId],
        );
      if (!pacing) return 0;
      const bucket = refill(
        { allowance: pacing.allowance, refilledAt: pacing.refilled_at },
        pacing.pace_per_second,
        now,
      );
      const wanted = Math.min(limit, available(bucket));
      if (wanted === 0) return 0;
      const spent = spend(bucket, wanted);
      await manager.query(`UPDATE wave_pacing SET allowance = $2, refilled_at = $3 WHERE wave_id = $1`, [
        waveId,
        spent.allowance,
        spent.refilledAt,
      ]);
      return wanted;
    });
  }

  claimUndelivered(now: Date, leaseSeconds: number, limit: number): Promise<UndeliveredLink[]> {
    return claimSealedUndelivered(this.dataSource, now, leaseSeconds, limit);
  }

  async forgetSealedTokens(issuanceIds: string[]): Promise<void> {
    if (issuanceIds.length === 0) return;
    await this.dataSource.query(`UPDATE reset_token SET sealed_token = NULL WHERE id = ANY($1::uuid[])`, [
      arrayParameter(issuanceIds),
    ]);
  }

  async replaceUndelivered(
    now: Date,
    leaseSeconds: number,
    limit: number,
    issue: (targets: LinkTarget[]) => IssuePlan,
  ): Promise<Issuance[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows: LinkTargetRow[] = await manager.query(
        `SELECT t.journey_id, t.legacy_account_id, t.wave_id, w.link_lifetime_minutes, e.verified_contacts,
           t.id AS live_token_id
         FROM reset_token t
         JOIN wave w ON w.id = t.wave_id
         JOIN eligible_account e ON e.legacy_account_id = t.legacy_account_id
         WHERE ${undeliveredLinkSql(false)}
         ORDER BY t.issued_at LIMIT $3 FOR UPDATE OF t SKIP LOCKED`,
        [now, leaseSeconds, limit],
      );
      if (rows.length === 0) return [];
      const plan = issue(rows.map(toLinkTarget));
      await writeIssuances(manager, plan.issuances, plan.events);
      return plan.issuances;
    });
  }

  async markDelivered(issuanceIds: string[], now: Date): Promise<void> {
    if (issuanceIds.length === 0) return;
    await this.dataSource.query(
      `UPDATE reset_token SET delivered_at = $2, sealed_token = NULL
        WHERE id = ANY($1::uuid[]) AND delivered_at IS NULL`,
      [arrayParameter(issuanceIds), now],
    );
  }

  async expireDue(
    now: Date,
    limit: number,
    announce: (expired: ExpiredToken[]) => RekeyEvent[],
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [rows]: [
        Array<{
          id: string;
          journey_id: string;
          legacy_account_id: string;
          wave_id: string;
          expires_at: Date;
        }>,
        number,
      ] = await manager.query(
        `WITH due AS (
           SELECT id FROM reset_token WHERE status = 'live' AND expires_at <= $1
           ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE reset_token t SET status = 'expired', sealed_token = NULL FROM due WHERE t.id = due.id
         RETURNING t.id, t.journey_id, t.legacy_account_id, t.wave_id, t.expires_at`,
        [now, limit],
      );
      if (rows.length === 0) return 0;
      await expireJourneysIn(
        manager,
        rows.map((row) => row.journey_id),
        now,
      );
      await appendToOutbox(
        manager,
        announce(
          rows.map((row) => ({
            issuanceId: row.id,
            journeyId: row.journey_id,
            legacyAccountId: row.legacy_account_id,
            waveId: row.wave_id,
            expiresAt: row.expires_at,
          })),
        ),
      );
      return rows.length;
    });
  }

  processReissueRequests(
    now: Date,
    limit: number,
    resolve: (pending: PendingReissueRequests) => ReissueResolution,
  ): Promise<{ requests: number; issuances: Issuance[] }> {
    return this.dataSource.transaction((manager) => processReissueRequests(manager, now, limit, resolve));
  }
}
