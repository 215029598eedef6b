import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { FraudSignalRaisedV1, Topics, type EventOf } from '@rekey/contracts';
import { ConsumerGroup, InboxContext } from '@rekey/service-runtime';
import { RecordFraudFlag } from './record-fraud-flag';

/**
 * Reads fraud monitoring's signals; the inbox makes a redelivered signal a no-op, and the flag's
 * key (account, signal id) one republished under another event id. Other events of the fraud topic
 * have no handler here and are passed over.
 */
@ConsumerGroup('fraud-signals', { topics: [Topics.fraud] })
export class FraudSignalsConsumer {
  constructor(private readonly recordFraudFlag: RecordFraudFlag) {}

  @EventPattern<string>(FraudSignalRaisedV1.type)
  signalRaised(
    @Payload() event: EventOf<typeof FraudSignalRaisedV1>,
    @Ctx() context: InboxContext,
  ): Promise<void> {
    return this.recordFraudFlag.execute(event, context.getManager());
  }
}
