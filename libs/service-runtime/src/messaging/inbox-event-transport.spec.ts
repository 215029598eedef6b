import 'reflect-metadata';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  PATTERN_EXTRAS_METADATA,
  PATTERN_HANDLER_METADATA,
  PATTERN_METADATA,
} from '@nestjs/microservices/constants.js';
import {
  eventRegistry,
  IdentityImportCompletedV1,
  IdentityLinkedV2,
  ResetNoticeSentV1,
  Topics,
  type RekeyEvent,
} from '@rekey/contracts';
import { of } from 'rxjs';
import type { EntityManager } from 'typeorm';
import { ConsumerGroup } from './consumer-group.decorator';
import { InboxContext } from './inbox-context';
import { InboxEventTransport } from './inbox-event-transport';
import type { ConsumerDefinition, MessagingRuntime } from './messaging-runtime';

/** Records what the transport starts and stops, in place of Kafka. */
class FakeRuntime {
  started: ConsumerDefinition[] = [];
  stopped = 0;
  async startConsumers(definitions: ConsumerDefinition[]): Promise<void> {
    this.started.push(...definitions);
  }
  async stopConsumers(): Promise<void> {
    this.stopped += 1;
  }
}

/** Registers a class's handlers the way Nest does: each pattern with its method's extras. */
function register(transport: InboxEventTransport, type: new () => object, handler = jest.fn()): void {
  const instance = new type() as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(type.prototype)) {
    const method = instance[key];
    const patterns = Reflect.getMetadata(PATTERN_METADATA, method as object) as string[] | undefined;
    if (!patterns) continue;
    const isEvent = Reflect.getMetadata(PATTERN_HANDLER_METADATA, method as object) === 2;
    const extras = Reflect.getMetadata(PATTERN_EXTRAS_METADATA, method as object) as Record<string, unknown>;
    for (const pattern of patterns) transport.addHandler(pattern, handler, isEvent, extras);
  }
}

describe('InboxEventTransport', () => {
  let runtime: FakeRuntime;
  let transport: InboxEventTransport;

  beforeEach(() => {
    runtime = new FakeRuntime();
    transport = new InboxEventTransport(runtime as unknown as MessagingRuntime, eventRegistry);
  });

  it('groups a class into one consumer, on the area topics of the event types it handles', async () => {
    @ConsumerGroup('eligibility')
    class Eligibility {
      @EventPattern<string>(IdentityLinkedV2.type)
      linked(@Payload() _event: RekeyEvent, @Ctx() _context: InboxContext): void {
        return;
      }
      @EventPattern<string>(ResetNoticeSentV1.type)
      issued(): void {
        return;
      }
    }
    register(transport, Eligibility);
    await new Promise<void>((resolve, reject) =>
      transport.listen((error) => (error ? reject(error) : resolve())),
    );

    expect(
      runtime.started.map(({ name, topics, handlers }) => ({ name, topics, types: Object.keys(handlers) })),
    ).toEqual([
      {
        name: 'eligibility',
        topics: [Topics.identity, Topics.reset],
        types: [IdentityLinkedV2.type, ResetNoticeSentV1.type],
      },
    ]);
    await transport.close();
    expect(runtime.stopped).toBe(1);
  });

  it('subscribes to the topics a group names instead, once each', () => {
    @ConsumerGroup('recorder', { topics: Object.values(Topics) })
    class Recorder {
      @EventPattern(eventRegistry.allDefinitions().map((definition) => definition.type))
      record(): void {
        return;
      }
    }
    register(transport, Recorder);

    const [recorder] = transport.consumerDefinitions();
    expect(recorder?.topics).toEqual(Object.values(Topics));
    expect(Object.keys(recorder?.handlers ?? {})).toHaveLength(eventRegistry.allDefinitions().length);
  });

  it('hands the handler the event and the inbox transaction, and passes its failure on as thrown', async () => {
    @ConsumerGroup('probe')
    class Probe {
      @EventPattern<string>(IdentityLinkedV2.type)
      linked(): void {
        return;
      }
    }
    const failure = Object.assign(new Error('account unknown'), { code: 'probe.unknown', retryable: false });
    const handler = jest
      .fn()
      .mockResolvedValueOnce(of(undefined))
      .mockResolvedValueOnce(Promise.reject(failure));
    register(transport, Probe, handler);
    const handle = transport.consumerDefinitions()[0]!.handlers[IdentityLinkedV2.type]!;
    const manager = {} as EntityManager;
    const event = { id: 'e-1', type: IdentityLinkedV2.type } as RekeyEvent;

    await handle(event, manager);
    const [payload, context] = handler.mock.calls[0] as [RekeyEvent, InboxContext];
    expect(payload).toBe(event);
    expect(context).toBeInstanceOf(InboxContext);
    expect(context.getManager()).toBe(manager);
    expect(context.getConsumer()).toBe('probe');
    await expect(handle(event, manager)).rejects.toBe(failure);
  });

  it('refuses, at start-up, a handler it could not place or would run twice', () => {
    class Ungrouped {
      @EventPattern<string>(IdentityLinkedV2.type)
      linked(): void {
        return;
      }
    }
    expect(() => register(transport, Ungrouped)).toThrow(/needs @ConsumerGroup\(name\)/);

    @ConsumerGroup('unknown')
    class Unknown {
      @EventPattern<string>('rekey.identity.nothing.v1')
      nothing(): void {
        return;
      }
    }
    expect(() => register(transport, Unknown)).toThrow(/no such event type/);

    @ConsumerGroup('request')
    class Request {
      @MessagePattern(IdentityImportCompletedV1.type)
      reply(): void {
        return;
      }
    }
    expect(() => register(transport, Request)).toThrow(/use @EventPattern/);

    @ConsumerGroup('twice')
    class First {
      @EventPattern<string>(IdentityLinkedV2.type)
      linked(): void {
        return;
      }
    }
    @ConsumerGroup('twice')
    class Second {
      @EventPattern<string>(IdentityLinkedV2.type)
      linked(): void {
        return;
      }
    }
    register(transport, First);
    expect(() => register(transport, Second)).toThrow(/handled twice in consumer group twice/);
  });

  it('keeps consumer group names to what Kafka group ids and dead letters can carry', () => {
    expect(() => ConsumerGroup('Eligibility Group')).toThrow(/kebab-case/);
  });
});
