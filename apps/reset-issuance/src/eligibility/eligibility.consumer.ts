import { Injectable, type OnModuleInit } from '@nestjs/common';
import { IdentityLinkedV1, isEventOf, Topics } from '@rekey/contracts';
import { MessagingRuntime } from '@rekey/service-runtime';
import { RecordEligibleAccount } from './record-eligible-account';

/** Reads identity links; the inbox makes a redelivered link a no-op. */
@Injectable()
export class EligibilityConsumer implements OnModuleInit {
  constructor(
    private readonly messaging: MessagingRuntime,
    private readonly recordEligibleAccount: RecordEligibleAccount,
  ) {}

  onModuleInit(): void {
    this.messaging.registerConsumer({
      name: 'eligibility',
      topics: [Topics.identity],
      handlers: {
        [IdentityLinkedV1.type]: async (event, manager) => {
          if (isEventOf(IdentityLinkedV1, event)) await this.recordEligibleAccount.execute(event, manager);
        },
      },
    });
  }
}
