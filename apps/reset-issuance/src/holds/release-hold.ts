import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { createEvent, ResetHoldReleasedV1, type EventActor } from '@rekey/contracts';
import { releaseHold, type Hold } from './domain/hold';
import { HOLD_STORE, type HoldStore } from './hold-store.port';

export interface ReleaseHoldCommand {
  legacyAccountId: string;
  note?: string;
  actor: EventActor;
}

@Injectable()
export class ReleaseHold {
  constructor(
    @Inject(HOLD_STORE) private readonly holds: HoldStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(command: ReleaseHoldCommand): Promise<Hold> {
    return this.holds.changeLatest(command.legacyAccountId, (latest) => {
      const now = this.clock.now();
      const release = { releasedBy: command.actor, ...(command.note ? { note: command.note } : {}) };
      const hold = releaseHold(latest, command.legacyAccountId, release, now);
      const event = createEvent(
        ResetHoldReleasedV1,
        {
          legacyAccountId: hold.legacyAccountId,
          holdId: hold.id,
          releasedBy: command.actor,
          ...(command.note ? { note: command.note } : {}),
        },
        { source: 'reset-issuance', subject: hold.legacyAccountId },
        () => now,
      );
      return { hold, events: [event] };
    });
  }
}
