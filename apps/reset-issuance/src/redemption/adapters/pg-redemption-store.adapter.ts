import { Injectable } from '@nestjs/common';
import type { RekeyEvent, VerifiedContact } from '@rekey/contracts';
import { appendToOutbox, OUTBOX_CHANNEL, OUTBOX_COLUMNS, outboxRowSql } from '@rekey/messaging';
import { queryPrepared } from '@rekey/persistence';
import { DataSource } from 'typeorm';
import {
  ENROLLMENT_GRANT_COLUMNS,
  enrollmentGrantRowSql,
} from '../../grants/adapters/enrollment-grant-record.sql';
import {
  STEP_UP_CHALLENGE_COLUMNS,
  stepUpChallengeRowSql,
} from '../../step-up/adapters/step-up-challenge.sql';
import { spentLinkJourneySql } from '../../journeys/adapters/journey-batch-statements.sql';
import { enrolmentPolicyOf, type EnrolmentPolicyColumn } from '../../waves/adapters/enrolment-policy-column';
import type { TokenOnRecord } from '../domain/redemption';
import type {
  LookedUpToken,
  LookUpCounting,
  PresentedCredential,
  RedemptionEffects,
  RedemptionStore,
} from '../redemption-store.port';

/** The column each kind of credential is found by; a fixed list, never text from a request. */
const CREDENTIAL_COLUMN = { token: 'token_hash', code: 'code_hash' } as const;

interface TokenRow {
  token_id: string;
  journey_id: string;
  legacy_account_id: string;
  wave_id: string;
  status: TokenOnRecord['status'];
  channel_kind: TokenOnRecord['channelKind'];
  expired: boolean;
  held: boolean;
  fraud_flagged: boolean;
  target_account_id: string;
  segment: string;
  segments: string[];
  verified_contacts: VerifiedContact[];
  cutoff_at: Date;
  enrolment_policy: EnrolmentPolicyColumn | null;
}

@Injectable()
export class PgRedemptionStore implements RedemptionStore {
  constructor(private readonly dataSource: DataSource) {}

  async lookUp(credential: PresentedCredential, counting: LookUpCounting): Promise<LookedUpToken> {
    // Counter rows are locked in key order, as PgRateLimitCounter does, so no two requests deadlock.
    const [row] = await queryPrepared<
      Partial<TokenRow> & { account_key: string; counted: Array<{ key: string; hits: number }> }
    >(
      this.dataSource,
      `WITH token AS (
         SELECT t.id AS token_id, t.journey_id, t.legacy_account_id, t.wave_id, t.status, t.channel_kind,
                t.expires_at <= now() AS expired,
                EXISTS (SELECT 1 FROM account_hold h
                         WHERE h.legacy_account_id = t.legacy_account_id AND h.released_at IS NULL) AS held,
                EXISTS (SELECT 1 FROM fraud_flag f WHERE f.legacy_account_id = t.legacy_account_id)
                  AS fraud_flagged,
                a.target_account_id, a.segment, a.segments, a.verified_contacts,
                w.cutoff_at, w.enrolment_policy
           FROM reset_token t JOIN eligible_account a ON a.legacy_account_id = t.legacy_account_id
           JOIN wave w ON w.id = t.wave_id
          WHERE t.${CREDENTIAL_COLUMN[credential.kind]} = $1
          LIMIT 1),
       account AS (
         SELECT coalesce(
           (SELECT $4 || legacy_account_id FROM token WHERE status = 'live' AND NOT expired AND NOT held),
           $5) AS key),
       counted AS (
         INSERT INTO rate_limit_window (key, window_start, hits)
         SELECT keys.key, $2, 1
           FROM (SELECT unnest($3::text[]) AS key
                 UNION ALL
                 SELECT key FROM account) AS keys
          ORDER BY keys.key COLLATE "C"
         ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_window.hits + 1
         RETURNING key, hits)
       SELECT token.*, (SELECT key FROM account) AS account_key,
              (SELECT json_agg(counted) FROM counted) AS counted
         FROM (SELECT 1) AS one LEFT JOIN token ON true`,
      [
        credential.hash,
        counting.windowStart,
        counting.addressKeys,
        counting.accountKeyPrefix,
        counting.globalKey,
      ],
    );
    if (!row) throw new Error('the lookup statement returned no row');
    const hits = new Map(row.counted.map((counter) => [counter.key, counter.hits]));
    return {
      ...(row.token_id ? { token: toToken(row as TokenRow) } : {}),
      resolvedKey: row.account_key,
      hits,
    };
  }

  /**
   * One statement, so one round trip and one implicit transaction: the conditional update, and
   * either the effects of a spent token or the failure's events, chosen by whether it matched.
   */
  async spend(
    credential: PresentedCredential,
    outcome: { onSpent?: RedemptionEffects; onFailed: RekeyEvent[] },
  ): Promise<'spent' | 'failed'> {
    if (outcome.onFailed.length === 0) throw new Error('a failed redemption must record an event');
    const values: unknown[] = [];
    const bind = (value: unknown) => `$${values.push(value)}`;
    const effects = outcome.onSpent;
    const parts = [
      // The hold is checked in the same statement, so a hold placed a moment before still wins.
      `spent AS (
         UPDATE reset_token t SET status = 'redeemed', spent_at = now(), sealed_token = NULL
          WHERE t.${CREDENTIAL_COLUMN[credential.kind]} = ${bind(credential.hash)} AND ${bind(effects !== undefined)}::boolean
            AND t.status = 'live' AND t.expires_at > now()
            AND NOT EXISTS (SELECT 1 FROM account_hold h
                             WHERE h.legacy_account_id = t.legacy_account_id AND h.released_at IS NULL)
         RETURNING t.journey_id)`,
      // The journeys' own fragment: the event's status, guarded by the statuses it may find.
      `journey_moved AS (${spentLinkJourneySql(effects?.journeyEvent ?? 'link_redeemed', 'spent', bind)})`,
    ];
    if (effects?.challenge) {
      parts.push(`challenge AS (
         INSERT INTO step_up_challenge (${STEP_UP_CHALLENGE_COLUMNS})
         SELECT ${stepUpChallengeRowSql(effects.challenge, bind)} FROM spent RETURNING id)`);
    }
    if (effects?.grant) {
      parts.push(`grant_record AS (
         INSERT INTO enrollment_grant (${ENROLLMENT_GRANT_COLUMNS})
         SELECT ${enrollmentGrantRowSql(effects.grant, bind)} FROM spent RETURNING jti)`);
    }
    const events = [
      ...(effects?.events ?? []).map((event) => `(${outboxRowSql(event, bind)}, true)`),
      ...outcome.onFailed.map((event) => `(${outboxRowSql(event, bind)}, false)`),
    ];
    // Failures always carry an event, so there is always a row to choose from.
    parts.push(`events AS (
       INSERT INTO outbox_message (${OUTBOX_COLUMNS})
       SELECT ${OUTBOX_COLUMNS} FROM (VALUES ${events.join(', ')})
           AS e (${OUTBOX_COLUMNS}, when_spent)
        WHERE e.when_spent = EXISTS (SELECT 1 FROM spent)
       RETURNING 1)`);
    const [row] = await queryPrepared<{ spent: boolean }>(
      this.dataSource,
      `WITH ${parts.join(',\n')}
       SELECT EXISTS (SELECT 1 FROM spent) AS spent,
              (SELECT pg_notify(${bind(OUTBOX_CHANNEL)}, '') FROM events LIMIT 1) AS notified`,
      values,
    );
    return row?.spent ? 'spent' : 'failed';
  }

  async record(events: RekeyEvent[]): Promise<void> {
    await this.dataSource.transaction((manager) => appendToOutbox(manager, events));
  }
}

function toToken(row: TokenRow): TokenOnRecord {
  return {
    tokenId: row.token_id,
    journeyId: row.journey_id,
    legacyAccountId: row.legacy_account_id,
    waveId: row.wave_id,
    status: row.status,
    channelKind: row.channel_kind,
    expired: row.expired,
    held: row.held,
    fraudFlagged: row.fraud_flagged,
    targetAccountId: row.target_account_id,
    segments: row.segments,
    verifiedContacts: row.verified_contacts,
    enrolment: {
      wave: { policy: enrolmentPolicyOf(row.enrolment_policy), cutoffAt: row.cutoff_at },
      account: { segment: row.segment, segments: row.segments },
    },
  };
}
