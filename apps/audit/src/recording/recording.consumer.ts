import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { eventRegistry, Topics, type RekeyEvent } from '@rekey/contracts';
import { ConsumerGroup, InboxContext } from '@rekey/service-runtime';
import { recordEvent } from './record-event';

/** Reads every topic of the platform and records every event type it knows. */
@ConsumerGroup('recorder', { topics: Object.values(Topics) })
export class RecordingConsumer {
  @EventPattern(eventRegistry.allDefinitions().map((definition) => definition.type))
  async record(@Payload() event: RekeyEvent, @Ctx() context: InboxContext): Promise<void> {
    await recordEvent(event, context.getManager(), context.getDelivery());
  }
}
