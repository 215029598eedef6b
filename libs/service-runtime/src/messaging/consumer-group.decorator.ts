import { Controller, UseFilters } from '@nestjs/common';
import { PATTERN_EXTRAS_METADATA, PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import { PassErrorsToInbox } from './pass-errors-to-inbox.filter';

/** Where `@ConsumerGroup` leaves its group on each handler, for the event transport to read. */
export const CONSUMER_GROUP_EXTRA = 'rekeyConsumerGroup';

export interface ConsumerGroupOptions {
  /** Topics to subscribe to; by default the area topic of each event type the class handles. */
  topics?: readonly string[];
}

export interface ConsumerGroupExtra {
  name: string;
  topics?: readonly string[];
}

const groupName = /^[a-z][a-z0-9-]*$/;

/**
 * Puts the `@EventPattern` handlers of a class in one consumer group, `<service>.<name>`: its
 * offsets, its inbox rows and the consumer named in its dead letters. Renaming a group makes a
 * deployed service read its topics again from the start, so the name is explicit.
 *
 * The class becomes a Nest controller (list it in its module's `controllers`), and its handlers'
 * errors reach the inbox as thrown, so they are retried or dead-lettered as the inbox decides.
 */
export function ConsumerGroup(name: string, options: ConsumerGroupOptions = {}): ClassDecorator {
  if (!groupName.test(name)) {
    throw new Error(`consumer group "${name}" must be kebab-case (it names a Kafka consumer group)`);
  }
  const group: ConsumerGroupExtra = { name, ...(options.topics ? { topics: options.topics } : {}) };
  return (target) => {
    Controller()(target);
    UseFilters(new PassErrorsToInbox())(target);
    // Method decorators have run by now: mark each event handler of this class with its group.
    const prototype = target.prototype as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, key)?.value as unknown;
      if (typeof method !== 'function' || !Reflect.hasMetadata(PATTERN_METADATA, method)) continue;
      Reflect.defineMetadata(
        PATTERN_EXTRAS_METADATA,
        { ...Reflect.getMetadata(PATTERN_EXTRAS_METADATA, method), [CONSUMER_GROUP_EXTRA]: group },
        method,
      );
    }
  };
}
