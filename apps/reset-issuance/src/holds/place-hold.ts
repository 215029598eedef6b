import { Inject, Injectable } from '@nestjs/common';
import { createEvent, ResetHoldPlacedV1, type EventActor } from '@rekey/contracts';
import { CLOCK, type Clock } from '../shared/clock.port';
import { placeHold, type Hold } from './domain/hold';
import { HOLD_STORE, type HoldStore } from './hold-store.port';

export interface PlaceHoldCommand {
  legacyAccountId: string;
  reason: string;
  actor: EventActor;
}

@Injectable()
export class PlaceHold {
  constructor(
    @Inject(HOLD_STORE) private readonly holds: HoldStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(command: PlaceHoldCommand): Promise<Hold> {
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
        },
        { source: 'reset-issuance', subject: hold.legacyAccountId },
        () => now,
      );
      return { hold, events: [event] };
    });
  }
}
