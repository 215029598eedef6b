import { Inject, Injectable } from '@nestjs/common';
import type { Hold } from './domain/hold';
import { HOLD_STORE, type HoldStore } from './hold-store.port';

/** Reads for the operator API and, later, for redemption: is this account held? */
@Injectable()
export class HoldQueries {
  constructor(@Inject(HOLD_STORE) private readonly holds: HoldStore) {}

  activeHold(legacyAccountId: string): Promise<Hold | undefined> {
    return this.holds.activeHold(legacyAccountId);
  }
}
