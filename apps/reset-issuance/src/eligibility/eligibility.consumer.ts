import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { IdentityLinkedV1, type EventOf } from '@rekey/contracts';
import { ConsumerGroup, InboxContext } from '@rekey/service-runtime';
import { RecordEligibleAccount } from './record-eligible-account';

/** Reads identity links; the inbox makes a redelivered link a no-op. */
@ConsumerGroup('eligibility')
export class EligibilityConsumer {
  constructor(private readonly recordEligibleAccount: RecordEligibleAccount) {}

  @EventPattern<string>(IdentityLinkedV1.type)
  linked(@Payload() event: EventOf<typeof IdentityLinkedV1>, @Ctx() context: InboxContext): Promise<void> {
    return this.recordEligibleAccount.execute(event, context.getManager());
  }
}
