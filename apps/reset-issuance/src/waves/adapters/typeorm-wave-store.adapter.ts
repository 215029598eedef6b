import { Injectable } from '@nestjs/common';
import type { RekeyEvent } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { startingBucket } from '../../issuance/domain/token-bucket';
import { startJourneysIn } from '../../journeys/adapters/journey-batch-statements.sql';
import { currentWorkCause } from '../../shared/work-cause';
import type { LaunchedWave, Wave } from '../domain/wave';
import { WaveNotFound } from '../domain/wave.errors';
import type {
  CohortSnapshot,
  LaunchPlan,
  NewCampaign,
  RequestedLaunch,
  WaveProgress,
  WaveStore,
} from '../wave-store.port';
import { enrolmentPolicyColumn } from './enrolment-policy-column';
import { actorColumn, toWave, type WaveRow } from './wave-row';

@Injectable()
export class TypeormWaveStore implements WaveStore {
  constructor(private readonly dataSource: DataSource) {}

  async campaignExists(campaignId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM campaign WHERE id = $1`, [campaignId]);
    return rows.length > 0;
  }

  async create(
    wave: Wave,
    listedAccountIds: string[],
    events: RekeyEvent[],
    campaign?: NewCampaign,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (campaign) {
        await manager.query(
          `INSERT INTO campaign (id, name, created_by, created_at) VALUES ($1, $2, $3, $4)`,
          [campaign.id, campaign.name, actorColumn(campaign.createdBy), campaign.createdAt],
        );
      }
      await manager.query(
        `INSERT INTO wave (id, campaign_id, name, status, cohort, notice_at, starts_at, cutoff_at, pace_per_second,
           link_lifetime_minutes, created_by, created_at, enrolment_policy)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12, $13::jsonb)`,
        [
          wave.id,
          wave.campaignId,
          wave.name,
          wave.status,
          JSON.stringify(wave.cohort),
          wave.noticeAt,
          wave.startsAt,
          wave.cutoffAt,
          wave.pacePerSecond,
          wave.linkLifetimeMinutes,
          actorColumn(wave.createdBy),
          wave.createdAt,
          enrolmentPolicyColumn(wave.enrolmentPolicy),
        ],
      );
      if (wave.cohort.kind === 'list') {
        await manager.query(
          `INSERT INTO cohort_list_entry (list_id, legacy_account_id) SELECT $1, unnest($2::text[])`,
          [wave.cohort.accountListId, listedAccountIds],
        );
      }
      await appendToOutbox(manager, events);
    });
  }

  async requestLaunch(waveId: string, request: (wave: Wave) => Wave): Promise<Wave> {
    return this.dataSource.transaction(async (manager) => {
      const rows: WaveRow[] = await manager.query(`SELECT * FROM wave WHERE id = $1 FOR UPDATE`, [waveId]);
      if (!rows[0]) throw new WaveNotFound(waveId);
      const wave = request(toWave(rows[0]));
      // The request's trace, so that the launch and the issuance it leads to link back to it.
      await manager.query(
        `UPDATE wave SET status = $2, launched_by = $3, launch_requested_at = $4, launch_cause = $5::jsonb
          WHERE id = $1`,
        [
          waveId,
          wave.status,
          wave.launchedBy ? actorColumn(wave.launchedBy) : null,
          wave.launchRequestedAt,
          jsonOrNull(currentWorkCause()),
        ],
      );
      return wave;
    });
  }

  async launchesRequested(): Promise<RequestedLaunch[]> {
    const rows: Array<{ id: string; launch_cause: RequestedLaunch['cause'] }> = await this.dataSource.query(
      `SELECT id, launch_cause FROM wave WHERE status = 'launching' ORDER BY launch_requested_at, id`,
    );
    return rows.map((row) => ({ waveId: row.id, cause: row.launch_cause }));
  }

  async launch(
    waveId: string,
    launch: (wave: Wave) => LaunchPlan,
  ): Promise<{ wave: Wave; snapshot: CohortSnapshot } | undefined> {
    // Replicas may take up the same request: the row lock lets one snapshot it. The others skip
    // the wave rather than wait, as their schedulers have other waves to serve meanwhile, and
    // find it launched, or its lock gone with a replica that died, on a later tick.
    const launched = await this.dataSource.transaction(async (manager) => {
      const rows: WaveRow[] = await manager.query(
        `SELECT * FROM wave WHERE id = $1 AND status = 'launching' FOR UPDATE SKIP LOCKED`,
        [waveId],
      );
      if (!rows[0]) return undefined;
      const plan = launch(toWave(rows[0]));
      const snapshot = await this.snapshotCohort(manager, plan.wave);
      await this.scheduleNotices(manager, plan);
      const bucket = startingBucket(plan.wave.pacePerSecond, plan.wave.startsAt);
      await manager.query(`INSERT INTO wave_pacing (wave_id, allowance, refilled_at) VALUES ($1, $2, $3)`, [
        waveId,
        bucket.allowance,
        bucket.refilledAt,
      ]);
      const wave: Wave = { ...plan.wave, snapshot };
      const events = plan.events(snapshot);
      // The launch event starts the chain the wave's notices and links continue.
      const launchEvent = events[0];
      await manager.query(
        `UPDATE wave SET status = $2, launched_at = $3, account_count = $4, skipped_in_open_journey = $5,
                         not_eligible = $6,
                         launch_cause = coalesce(launch_cause, '{}'::jsonb) || coalesce($7::jsonb, '{}'::jsonb)
          WHERE id = $1`,
        [
          waveId,
          wave.status,
          wave.launchedAt,
          snapshot.accountCount,
          snapshot.skippedInOpenJourney,
          snapshot.notEligible,
          launchEvent
            ? JSON.stringify({ eventId: launchEvent.id, correlationId: launchEvent.correlationId })
            : null,
        ],
      );
      await appendToOutbox(manager, events);
      return { wave, snapshot };
    });
    // A launch can add a hundred thousand journeys and notices at once, and issuing starts at
    // once: planned on statistics from before, the scheduler's claims could scan them all.
    if (launched) await this.dataSource.query('ANALYZE journey, notice');
    return launched;
  }

  /**
   * One journey per account in the cohort, started by the journeys' own statement (accounts in
   * another open journey are left out and counted as skipped).
   */
  private async snapshotCohort(manager: EntityManager, wave: LaunchedWave): Promise<CohortSnapshot> {
    const cohort = wave.cohort;
    const { matched, started } = await startJourneysIn(
      manager,
      { waveId: wave.id, startedAt: wave.launchedAt },
      (bind) => {
        if (cohort.kind === 'list') {
          return `SELECT e.legacy_account_id FROM eligible_account e JOIN cohort_list_entry l
                    ON l.legacy_account_id = e.legacy_account_id AND l.list_id = ${bind(cohort.accountListId)}`;
        }
        const segments = bind(cohort.segments);
        const bands = bind(cohort.bands);
        return `SELECT e.legacy_account_id FROM eligible_account e
                  WHERE (cardinality(${segments}::text[]) = 0 OR e.segment = ANY(${segments}::text[]))
                    AND (cardinality(${bands}::text[]) = 0 OR e.band = ANY(${bands}::text[]))`;
      },
    );
    return {
      accountCount: started,
      skippedInOpenJourney: matched - started,
      notEligible: cohort.kind === 'list' ? cohort.size - matched : 0,
    };
  }

  private async scheduleNotices(manager: EntityManager, plan: LaunchPlan): Promise<void> {
    const kinds = ['advance_notice', ...(plan.noticesDue.reminder ? ['reminder'] : [])];
    const due = [
      plan.noticesDue.advanceNotice,
      ...(plan.noticesDue.reminder ? [plan.noticesDue.reminder] : []),
    ];
    await manager.query(
      `INSERT INTO notice (id, journey_id, wave_id, legacy_account_id, kind, status, due_at)
       SELECT gen_random_uuid(), j.id, j.wave_id, j.legacy_account_id, k.kind, 'pending', k.due_at
       FROM journey j CROSS JOIN unnest($2::text[], $3::timestamptz[]) AS k (kind, due_at)
       WHERE j.wave_id = $1`,
      [plan.wave.id, kinds, due],
    );
  }

  async find(waveId: string): Promise<Wave | undefined> {
    const rows: WaveRow[] = await this.dataSource.query(`SELECT * FROM wave WHERE id = $1`, [waveId]);
    return rows[0] ? toWave(rows[0]) : undefined;
  }

  async list(): Promise<Wave[]> {
    const rows: WaveRow[] = await this.dataSource.query(
      `SELECT * FROM wave ORDER BY created_at DESC LIMIT 200`,
    );
    return rows.map(toWave);
  }

  async progress(waveId: string): Promise<WaveProgress> {
    const rows: Array<{ segment: string; status: string; count: number }> = await this.dataSource.query(
      `SELECT e.segment, j.status, count(*)::int AS count
       FROM journey j JOIN eligible_account e ON e.legacy_account_id = j.legacy_account_id
       WHERE j.wave_id = $1 GROUP BY e.segment, j.status`,
      [waveId],
    );
    const [notices]: Array<{ sent: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS sent FROM notice WHERE wave_id = $1 AND status = 'sent'`,
      [waveId],
    );
    // A link counts once it has reached the customer's mailbox (or the file adapter's folder).
    const [links]: Array<{ delivered: number }> = await this.dataSource.query(
      `SELECT count(DISTINCT journey_id)::int AS delivered FROM reset_token
        WHERE wave_id = $1 AND delivered_at IS NOT NULL`,
      [waveId],
    );
    const progress: WaveProgress = {
      byStatus: {},
      bySegment: {},
      noticesSent: notices?.sent ?? 0,
      linksDelivered: links?.delivered ?? 0,
    };
    for (const row of rows) {
      const status = row.status as keyof WaveProgress['byStatus'];
      progress.byStatus[status] = (progress.byStatus[status] ?? 0) + row.count;
      const segment = (progress.bySegment[row.segment] ??= {});
      segment[status] = row.count;
    }
    return progress;
  }
}

function jsonOrNull(value: object | null): string | null {
  return value ? JSON.stringify(value) : null;
}
