import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { createEvent, ResetHoldPlacedV1, type EventActor } from '@rekey/contracts';
import { placeHold, type Hold } from './domain/hold';
import { HoldOnUnknownAccount } from './domain/hold.errors';
import { HOLD_STORE, type HoldStore } from './hold-store.port';

export interface PlaceHoldCommand {
  legacyAccountId: string;
  reason: string;
  actor: EventActor;
  /** The operator holds an account no directory holds yet, on purpose; recorded in the event. */
  deliberate?: boolean;
}

@Injectable()
export class PlaceHold {
  constructor(
    @Inject(HOLD_STORE) private readonly holds: HoldStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: PlaceHoldCommand): Promise<Hold> {
    // A mistyped id would otherwise hold nobody while the operator believes an account is paused.
    if (!command.deliberate && !(await this.holds.isKnownAccount(command.legacyAccountId))) {
      throw new HoldOnUnknownAccount(command.legacyAccountId);
    }
    return this.holds.changeLatest(command.legacyAccountId, (latest) => {
      const now = this.clock.now();
      const hold = placeHold(
        latest,
        {
          id: this.clock.newId(),
          legacyAccountId: command.legacyAccountId,
          reason: command.reason,
          placedBy: command.actor,
        },
        now,
      );
      const event = createEvent(
        ResetHoldPlacedV1,
        {
          legacyAccountId: hold.legacyAccountId,
          holdId: hold.id,
          reason: hold.reason,
          placedBy: hold.placedBy,
          ...(command.deliberate ? { deliberate: true } : {}),
        },
        { source: 'reset-issuance', subject: hold.legacyAccountId },
        () => now,
      );
      return { hold, events: [event] };
    });
  }
}
