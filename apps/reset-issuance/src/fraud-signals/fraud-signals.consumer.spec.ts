import { Test } from '@nestjs/testing';
import { eventRegistry, FraudSignalRaisedV1, Topics, type RekeyEvent } from '@rekey/contracts';
import { InboxEventTransport, type MessagingRuntime } from '@rekey/service-runtime';
import type { EntityManager } from 'typeorm';
import { FraudSignalsConsumer } from './fraud-signals.consumer';
import { RecordFraudFlag } from './record-fraud-flag';

describe('FraudSignalsConsumer', () => {
  // A deployed reset-issuance keeps its offsets only while its group stays reset-issuance.fraud-signals.
  it('is consumer group fraud-signals on the fraud topic, and records a signal in the inbox transaction', async () => {
    const recorded: Array<[RekeyEvent, EntityManager]> = [];
    const record = {
      execute: async (event: RekeyEvent, manager: EntityManager) => void recorded.push([event, manager]),
    };
    const module = await Test.createTestingModule({
      controllers: [FraudSignalsConsumer],
      providers: [{ provide: RecordFraudFlag, useValue: record }],
    }).compile();
    const transport = new InboxEventTransport({} as MessagingRuntime, eventRegistry);
    await module.createNestMicroservice({ strategy: transport }).init();

    const definitions = transport.consumerDefinitions();
    expect(definitions.map(({ name, topics }) => ({ name, topics }))).toEqual([
      { name: 'fraud-signals', topics: [Topics.fraud] },
    ]);
    expect(Object.keys(definitions[0]!.handlers)).toEqual([FraudSignalRaisedV1.type]);
    const event = { id: 'e-1', type: FraudSignalRaisedV1.type } as RekeyEvent;
    const manager = {} as EntityManager;
    await definitions[0]!.handlers[FraudSignalRaisedV1.type]!(event, manager);
    expect(recorded).toEqual([[event, manager]]);
    await module.close();
  });
});
