import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { IdentityContactsReleasedV1, RestrictedTopics, type EventOf } from '@rekey/contracts';
import { ConsumerGroup, InboxContext } from '@rekey/service-runtime';
import { RecordEligibleAccount } from './record-eligible-account';

/** Reads identity links with their contacts (restricted topic); the inbox makes a redelivered link a no-op. */
@ConsumerGroup('eligibility', { topics: [RestrictedTopics.identityContacts] })
export class EligibilityConsumer {
  constructor(private readonly recordEligibleAccount: RecordEligibleAccount) {}

  @EventPattern<string>(IdentityContactsReleasedV1.type)
  linked(
    @Payload() event: EventOf<typeof IdentityContactsReleasedV1>,
    @Ctx() context: InboxContext,
  ): Promise<void> {
    return this.recordEligibleAccount.execute(event, context.getManager());
  }
}
