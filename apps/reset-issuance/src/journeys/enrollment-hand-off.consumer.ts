import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EnrollmentCompletedV1, type EventOf } from '@rekey/contracts';
import { ConsumerGroup, InboxContext } from '@rekey/service-runtime';
import { HandOffJourney } from './hand-off-journey';

/** Reads enrollment's completions from `rekey.enrollment`; the inbox makes a redelivery a no-op. */
@ConsumerGroup('journeys')
export class EnrollmentHandOffConsumer {
  constructor(private readonly handOffJourney: HandOffJourney) {}

  @EventPattern<string>(EnrollmentCompletedV1.type)
  async completed(
    @Payload() event: EventOf<typeof EnrollmentCompletedV1>,
    @Ctx() context: InboxContext,
  ): Promise<void> {
    await this.handOffJourney.execute(event, context.getManager());
  }
}
