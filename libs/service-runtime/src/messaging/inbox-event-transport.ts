import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import type { EventRegistry, RekeyEvent } from '@rekey/contracts';
import type { EventHandler } from '@rekey/messaging';
import { isObservable, lastValueFrom } from 'rxjs';
import { CONSUMER_GROUP_EXTRA, type ConsumerGroupExtra } from './consumer-group.decorator';
import { InboxContext } from './inbox-context';
import type { ConsumerDefinition, MessagingRuntime } from './messaging-runtime';

export const INBOX_TRANSPORT = Symbol('rekey-inbox');

interface Group {
  topics: Set<string>;
  handlers: Record<string, EventHandler>;
}

/**
 * Nest's event handlers over the inbox: `@EventPattern(<event type>)` handlers are grouped by
 * their `@ConsumerGroup` into the runtime's consumers. Decoding, schema validation, the inbox,
 * retries, dead letters and tracing stay in libs/messaging's EventConsumer; this only routes a
 * decoded event to its handler, with the inbox transaction as its context.
 */
export class InboxEventTransport extends Server implements CustomTransportStrategy {
  override readonly transportId = INBOX_TRANSPORT;
  // A failure goes back to the inbox, which retries or dead-letters it and logs each attempt.
  override readonly propagatesEventHandlerErrors = true;
  private readonly groups = new Map<string, Group>();

  constructor(
    private readonly messaging: MessagingRuntime,
    private readonly registry: EventRegistry,
  ) {
    super();
  }

  /** Called by Nest for each pattern of each handler, when the transport is connected. */
  override addHandler(
    pattern: unknown,
    callback: MessageHandler,
    isEventHandler = false,
    extras: Record<string, unknown> = {},
  ): void {
    const where = `@${isEventHandler ? 'EventPattern' : 'MessagePattern'}(${JSON.stringify(pattern)})`;
    if (!isEventHandler) throw new Error(`${where}: events get no reply; use @EventPattern`);
    if (typeof pattern !== 'string') throw new Error(`${where}: the pattern is an event type`);
    const definition = this.registry.find(pattern);
    if (!definition) throw new Error(`${where}: no such event type in the catalogue`);
    const group = extras[CONSUMER_GROUP_EXTRA] as ConsumerGroupExtra | undefined;
    if (!group) throw new Error(`${where}: its class needs @ConsumerGroup(name) to name its consumer group`);

    let entry = this.groups.get(group.name);
    if (!entry) {
      entry = { topics: new Set(), handlers: {} };
      this.groups.set(group.name, entry);
    }
    // One effect per event per group: two handlers would share, and race on, one transaction.
    if (entry.handlers[pattern]) throw new Error(`${where}: handled twice in consumer group ${group.name}`);
    entry.handlers[pattern] = (event, manager, delivery) =>
      invoke(callback, event, new InboxContext([manager, group.name, delivery]));
    for (const topic of group.topics ?? [definition.topic]) entry.topics.add(topic);
  }

  /** The consumer groups found, as the runtime starts them. */
  consumerDefinitions(): ConsumerDefinition[] {
    return [...this.groups].map(([name, group]) => ({
      name,
      topics: [...group.topics],
      handlers: group.handlers,
    }));
  }

  listen(callback: (error?: unknown) => void): void {
    this.messaging.startConsumers(this.consumerDefinitions()).then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  /** Consumers finish the batch in hand and leave their groups before the relay's last flush. */
  close(): Promise<void> {
    return this.messaging.stopConsumers();
  }

  on(): never {
    throw new Error('the inbox transport has no events of its own');
  }

  unwrap<T>(): T {
    throw new Error('the inbox transport wraps no client of its own; see MessagingRuntime');
  }
}

async function invoke(callback: MessageHandler, event: RekeyEvent, context: InboxContext): Promise<void> {
  const result: unknown = await callback(event, context);
  // Nest hands back an observable when a filter, an interceptor or the handler made one.
  if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
}
