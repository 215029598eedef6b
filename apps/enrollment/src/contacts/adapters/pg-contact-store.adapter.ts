import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ContactStore } from '../contact-store.port';
import type { AccountContacts } from '../domain/account-contacts';

@Injectable()
export class PgContactStore implements ContactStore {
  async replace(manager: EntityManager, contacts: AccountContacts): Promise<void> {
    // A relink (a reviewer's correction) replaces the contacts; an older release arriving late does not.
    await manager.query(
      `INSERT INTO account_contact (legacy_account_id, verified_contacts, released_at, release_event_id)
       VALUES ($1, $2::jsonb, $3, $4)
       ON CONFLICT (legacy_account_id) DO UPDATE SET
         verified_contacts = EXCLUDED.verified_contacts, released_at = EXCLUDED.released_at,
         release_event_id = EXCLUDED.release_event_id
       WHERE account_contact.released_at <= EXCLUDED.released_at`,
      [
        contacts.legacyAccountId,
        JSON.stringify(contacts.verifiedContacts),
        contacts.releasedAt,
        contacts.releaseEventId,
      ],
    );
  }
}
