import { Test } from '@nestjs/testing';
import { eventRegistry, Topics } from '@rekey/contracts';
import { InboxEventTransport, type MessagingRuntime } from '@rekey/service-runtime';
import { RecordingConsumer } from './recording.consumer';

describe('RecordingConsumer', () => {
  // A deployed audit keeps its offsets only while its group stays audit.recorder.
  it('stays consumer group recorder, on every platform topic, for every event type', async () => {
    const module = await Test.createTestingModule({ controllers: [RecordingConsumer] }).compile();
    const transport = new InboxEventTransport({} as MessagingRuntime, eventRegistry);
    const app = module.createNestMicroservice({ strategy: transport });
    await app.init();

    const [recorder, ...others] = transport.consumerDefinitions();
    expect(others).toEqual([]);
    expect(recorder?.name).toBe('recorder');
    expect([...(recorder?.topics ?? [])].sort()).toEqual(Object.values(Topics).sort());
    expect(Object.keys(recorder?.handlers ?? {}).sort()).toEqual(
      eventRegistry
        .allDefinitions()
        .map((definition) => definition.type)
        .sort(),
    );
    await module.close();
  });
});
