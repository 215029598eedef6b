import { Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { IdentityContactsReleasedV1, RestrictedTopics, type EventOf } from '@rekey/contracts';
import { ConsumerGroup, InboxContext } from '@rekey/service-runtime';
import { CONTACT_STORE, type ContactStore } from './contact-store.port';

/**
 * Reads the verified contacts identity matching releases on enrollment's own restricted topic, so
 * that the customer can be told when a sign-in method is added. The inbox makes a redelivery a no-op.
 */
@ConsumerGroup('contacts', { topics: [RestrictedTopics.enrollmentContacts] })
export class ContactsConsumer {
  constructor(@Inject(CONTACT_STORE) private readonly contacts: ContactStore) {}

  @EventPattern<string>(IdentityContactsReleasedV1.type)
  released(
    @Payload() event: EventOf<typeof IdentityContactsReleasedV1>,
    @Ctx() context: InboxContext,
  ): Promise<void> {
    return this.contacts.replace(context.getManager(), {
      legacyAccountId: event.data.legacyAccountId,
      verifiedContacts: event.data.verifiedContacts,
      releasedAt: new Date(event.time),
      releaseEventId: event.id,
    });
  }
}
