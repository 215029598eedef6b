import { Test } from '@nestjs/testing';
import {
  eventRegistry,
  IdentityContactsReleasedV1,
  RestrictedTopics,
  type RekeyEvent,
} from '@rekey/contracts';
import { InboxEventTransport, type MessagingRuntime } from '@rekey/service-runtime';
import type { EntityManager } from 'typeorm';
import { EligibilityConsumer } from './eligibility.consumer';
import { RecordEligibleAccount } from './record-eligible-account';

describe('EligibilityConsumer', () => {
  // A deployed reset-issuance keeps its offsets only while its group stays reset-issuance.eligibility.
  it('stays consumer group eligibility, reads the restricted contacts topic, and records a link in the inbox transaction', async () => {
    const recorded: Array<[RekeyEvent, EntityManager]> = [];
    const record = {
      execute: async (event: RekeyEvent, manager: EntityManager) => void recorded.push([event, manager]),
    };
    const module = await Test.createTestingModule({
      controllers: [EligibilityConsumer],
      providers: [{ provide: RecordEligibleAccount, useValue: record }],
    }).compile();
    const transport = new InboxEventTransport({} as MessagingRuntime, eventRegistry);
    await module.createNestMicroservice({ strategy: transport }).init();

    const definitions = transport.consumerDefinitions();
    expect(definitions.map(({ name, topics }) => ({ name, topics }))).toEqual([
      { name: 'eligibility', topics: [RestrictedTopics.identityContacts] },
    ]);
    const event = { id: 'e-1', type: IdentityContactsReleasedV1.type } as RekeyEvent;
    const manager = {} as EntityManager;
    await definitions[0]!.handlers[IdentityContactsReleasedV1.type]!(event, manager);
    expect(recorded).toEqual([[event, manager]]);
    await module.close();
  });
});
