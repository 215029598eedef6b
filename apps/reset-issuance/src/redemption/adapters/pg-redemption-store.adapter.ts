import { Injectable } from '@nestjs/common';
import type { RekeyEvent, VerifiedContact } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import { DataSource } from 'typeorm';
import { recordEnrollmentGrant } from '../../grants/adapters/enrollment-grant-record.sql';
import { insertStepUpChallenge } from '../../step-up/adapters/step-up-challenge.sql';
import type { TokenOnRecord } from '../domain/redemption';
import type { RedemptionEffects, RedemptionStore } from '../redemption-store.port';

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
  segments: string[];
  verified_contacts: VerifiedContact[];
}

@Injectable()
export class PgRedemptionStore implements RedemptionStore {
  constructor(private readonly dataSource: DataSource) {}

  async find(tokenHash: Buffer): Promise<TokenOnRecord | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT t.id AS token_id, t.journey_id, t.legacy_account_id, t.wave_id, t.status, t.channel_kind,
              t.expires_at <= now() AS expired,
              EXISTS (SELECT 1 FROM account_hold h
                       WHERE h.legacy_account_id = t.legacy_account_id AND h.released_at IS NULL) AS held,
              EXISTS (SELECT 1 FROM fraud_flag f WHERE f.legacy_account_id = t.legacy_account_id) AS fraud_flagged,
              a.target_account_id, a.segments, a.verified_contacts
         FROM reset_token t JOIN eligible_account a ON a.legacy_account_id = t.legacy_account_id
        WHERE t.token_hash = $1`,
      [tokenHash],
    )) as TokenRow[];
    const row = rows[0];
    return row ? toToken(row) : undefined;
  }

  spend(
    tokenHash: Buffer,
    outcome: { onSpent(): Promise<RedemptionEffects>; onFailed(): RekeyEvent[] },
  ): Promise<'spent' | 'failed'> {
    return this.dataSource.transaction(async (manager) => {
      // The hold is checked in the same statement, so a hold placed a moment before still wins.
      const [spent] = (await manager.query(
        `UPDATE reset_token t SET status = 'redeemed', spent_at = now()
          WHERE t.token_hash = $1 AND t.status = 'live' AND t.expires_at > now()
            AND NOT EXISTS (SELECT 1 FROM account_hold h
                             WHERE h.legacy_account_id = t.legacy_account_id AND h.released_at IS NULL)
        RETURNING t.journey_id`,
        [tokenHash],
      )) as [Array<{ journey_id: string }>, number];
      const journey = spent[0];
      if (!journey) {
        await appendToOutbox(manager, outcome.onFailed());
        return 'failed';
      }
      const effects = await outcome.onSpent();
      await manager.query(`UPDATE journey SET status = $2, updated_at = now() WHERE id = $1`, [
        journey.journey_id,
        effects.journeyStatus,
      ]);
      if (effects.challenge) await insertStepUpChallenge(manager, effects.challenge);
      if (effects.grant) await recordEnrollmentGrant(manager, effects.grant);
      await appendToOutbox(manager, effects.events);
      return 'spent';
    });
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
  };
}
