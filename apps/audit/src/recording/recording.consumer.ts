import { Injectable, type OnModuleInit } from '@nestjs/common';
import { eventRegistry, Topics } from '@rekey/contracts';
import { MessagingRuntime } from '@rekey/service-runtime';
import { recordEvent } from './record-event';

/** Reads every topic of the platform and records every event type it knows. */
@Injectable()
export class RecordingConsumer implements OnModuleInit {
  constructor(private readonly messaging: MessagingRuntime) {}

  onModuleInit(): void {
    this.messaging.registerConsumer({
      name: 'recorder',
      topics: Object.values(Topics),
      handlers: Object.fromEntries(
        eventRegistry.allDefinitions().map((definition) => [definition.type, recordEvent]),
      ),
    });
  }
}
