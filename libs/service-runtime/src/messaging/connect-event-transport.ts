import type { INestApplication, INestMicroservice } from '@nestjs/common';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { eventRegistry } from '@rekey/contracts';
import { InboxEventTransport } from './inbox-event-transport';
import { MessagingRuntime } from './messaging-runtime';

/**
 * Connects the service's `@EventPattern` handlers as a hybrid application. Their consumers start
 * with `app.startAllMicroservices()`, which must follow `app.init()`: the runtime's producer,
 * which dead-letters, is started by then.
 */
export function connectEventTransport(app: INestApplication): INestMicroservice {
  const strategy = new InboxEventTransport(app.get(MessagingRuntime), eventRegistry);
  return app.connectMicroservice<MicroserviceOptions>({ strategy });
}
