import { Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  FraudHoldPlacedV1,
  FraudHoldReleasedV1,
  ResetHoldPlacedV1,
  ResetHoldReleasedV1,
  Topics,
  type EventOf,
} from '@rekey/contracts';
import { ConsumerGroup, InboxContext } from '@rekey/service-runtime';
import { HOLD_STORE, type HoldStore } from './hold-store.port';

type Placed = EventOf<typeof ResetHoldPlacedV1> | EventOf<typeof FraudHoldPlacedV1>;
type Released = EventOf<typeof ResetHoldReleasedV1> | EventOf<typeof FraudHoldReleasedV1>;

/**
 * Reads the holds an operator (rekey.reset) or security (rekey.fraud) places and releases, as
 * durable work: the worker suspends the account's legacy sessions while held and resumes what it
 * suspended once released. Revocation after a completed enrolment does not wait for a release:
 * a held account cannot complete enrolment, so a completion seen during a hold came before it.
 */
@ConsumerGroup('holds', { topics: [Topics.reset, Topics.fraud] })
export class HoldsConsumer {
  constructor(@Inject(HOLD_STORE) private readonly holds: HoldStore) {}

  @EventPattern<string>(ResetHoldPlacedV1.type)
  resetHoldPlaced(@Payload() event: EventOf<typeof ResetHoldPlacedV1>, @Ctx() context: InboxContext) {
    return this.placed(event, 'reset', context);
  }

  @EventPattern<string>(ResetHoldReleasedV1.type)
  resetHoldReleased(@Payload() event: EventOf<typeof ResetHoldReleasedV1>, @Ctx() context: InboxContext) {
    return this.released(event, 'reset', context);
  }

  @EventPattern<string>(FraudHoldPlacedV1.type)
  fraudHoldPlaced(@Payload() event: EventOf<typeof FraudHoldPlacedV1>, @Ctx() context: InboxContext) {
    return this.placed(event, 'fraud', context);
  }

  @EventPattern<string>(FraudHoldReleasedV1.type)
  fraudHoldReleased(@Payload() event: EventOf<typeof FraudHoldReleasedV1>, @Ctx() context: InboxContext) {
    return this.released(event, 'fraud', context);
  }

  private placed(event: Placed, source: 'reset' | 'fraud', context: InboxContext): Promise<void> {
    const { holdId, legacyAccountId } = event.data;
    return this.holds.place(context.getManager(), { holdId, legacyAccountId, source }, new Date(event.time));
  }

  private released(event: Released, source: 'reset' | 'fraud', context: InboxContext): Promise<void> {
    const { holdId, legacyAccountId } = event.data;
    return this.holds.release(
      context.getManager(),
      { holdId, legacyAccountId, source },
      new Date(event.time),
    );
  }
}
