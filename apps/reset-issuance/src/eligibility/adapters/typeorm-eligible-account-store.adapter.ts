import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EligibleAccount } from '../domain/eligible-account';
import type { EligibleAccountStore } from '../eligible-account-store.port';

@Injectable()
export class TypeormEligibleAccountStore implements EligibleAccountStore {
  async upsert(manager: EntityManager, account: EligibleAccount): Promise<void> {
    // A relink (a reviewer's correction) replaces the account; an older link arriving late does not.
    const stored: unknown[] = await manager.query(
      `INSERT INTO eligible_account (legacy_account_id, target_account_id, target_account_created, segment,
         segments, band, verified_contacts, linked_at, link_event_id)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7::jsonb, $8, $9)
       ON CONFLICT (legacy_account_id) DO UPDATE SET
         target_account_id = EXCLUDED.target_account_id,
         target_account_created = EXCLUDED.target_account_created,
         segment = EXCLUDED.segment, segments = EXCLUDED.segments, band = EXCLUDED.band,
         verified_contacts = EXCLUDED.verified_contacts, linked_at = EXCLUDED.linked_at,
         link_event_id = EXCLUDED.link_event_id
       WHERE eligible_account.linked_at <= EXCLUDED.linked_at
       RETURNING legacy_account_id`,
      [
        account.legacyAccountId,
        account.targetAccountId,
        account.targetAccountCreated,
        account.segment,
        account.segments,
        account.band,
        JSON.stringify(account.verifiedContacts),
        account.linkedAt,
        account.linkEventId,
      ],
    );
    if (stored.length === 0) return;
    await manager.query(`DELETE FROM eligible_contact WHERE legacy_account_id = $1`, [
      account.legacyAccountId,
    ]);
    await manager.query(
      `INSERT INTO eligible_contact (contact_hash, legacy_account_id)
       SELECT hash, $2 FROM unnest($1::bytea[]) AS hash ON CONFLICT DO NOTHING`,
      [account.contactHashes, account.legacyAccountId],
    );
  }
}
