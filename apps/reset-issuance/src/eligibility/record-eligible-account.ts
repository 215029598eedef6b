import { Inject, Injectable } from '@nestjs/common';
import type { EventOf, IdentityContactsReleasedV1 } from '@rekey/contracts';
import type { EntityManager } from 'typeorm';
import { eligibleAccountFromLink } from './domain/eligible-account';
import { ELIGIBLE_ACCOUNT_STORE, type EligibleAccountStore } from './eligible-account-store.port';

/** A verified link (announced with its contacts) makes the legacy account eligible for a reset wave. */
@Injectable()
export class RecordEligibleAccount {
  constructor(@Inject(ELIGIBLE_ACCOUNT_STORE) private readonly accounts: EligibleAccountStore) {}

  execute(event: EventOf<typeof IdentityContactsReleasedV1>, manager: EntityManager): Promise<void> {
    return this.accounts.upsert(manager, eligibleAccountFromLink(event.data, event));
  }
}
