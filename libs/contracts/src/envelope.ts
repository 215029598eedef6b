import { parseEventType, type EventData, type EventDefinition } from './define-event';
import {
  attributeProblem,
  CLOUDEVENTS_SPEC_VERSION,
  CloudEventHeaders,
  EVENT_CONTENT_TYPE,
  type EnvelopeAttribute,
} from './envelope-attributes';
import { eventRegistry } from './catalogue';
import { parseOutgoingData } from './event-data-parsing';
import type { EventRegistry } from './registry';
import { Topics } from './topics';
import { uuidV7 } from './uuid-v7';

/**
 * One event: CloudEvents 1.0 attributes plus its data. On Kafka the attributes are `ce_*`
 * headers and the data is the JSON body (binary content mode). Trace context (`traceparent`,
 * `tracestate`) is not part of it: the messaging layer adds it to the headers.
 */
export interface RekeyEvent<T = unknown, Type extends string = string> {
  /** UUID v7. */
  readonly id: string;
  readonly type: Type;
  /** The producing service. */
  readonly source: string;
  /**
   * The legacy account the event is about, and the Kafka key. Events about no single account use
   * the id of what they are about (a wave, the audit log), so those stay ordered too.
   */
  readonly subject: string;
  /** RFC 3339. */
  readonly time: string;
  readonly journeyId?: string;
  /** Shared by every event of one causal chain; the first event of a chain uses its own id. */
  readonly correlationId: string;
  /** The id of the event (or request) that caused this one. */
  readonly causationId?: string;
  /**
   * Where it is published, when its definition lists several topics (restricted data, one copy
   * per reader); otherwise its definition's topic. Not an envelope attribute: consumers never see it.
   */
  readonly topic?: string;
  readonly data: T;
}

/** The event type a definition produces. */
export type EventOf<D extends EventDefinition> = RekeyEvent<EventData<D>, D['type']>;

export interface EventContext {
  /** The producing service's name. */
  source: string;
  /** The legacy account id (see RekeyEvent.subject). */
  subject: string;
  journeyId?: string;
  correlationId?: string;
  causationId?: string;
  /** One of the definition's topics, for a copy of restricted data meant for that topic's reader. */
  topic?: string;
}

/** The neutral shape of a Kafka message; the messaging layer maps it onto its client. */
export interface EncodedEvent {
  topic: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** Events built by createEvent: checked strictly once, so the outbox need not check them again. */
const checkedEvents = new WeakSet<RekeyEvent>();

/**
 * Builds an event and validates its data strictly (an undeclared field is refused, at any
 * depth): a producer must never put an invalid event in its outbox, so a programming mistake
 * fails here, in the transaction that caused it.
 */
export function createEvent<D extends EventDefinition>(
  definition: D,
  data: EventData<D>,
  context: EventContext,
  clock: () => Date = () => new Date(),
): EventOf<D> {
  const parsed = parseOutgoingData(definition, data);
  if (!parsed.ok) throw new Error(`Invalid data for ${definition.type}: ${parsed.issues.join('; ')}`);
  if (context.topic !== undefined && !definition.topics.includes(context.topic as never)) {
    throw new Error(`${definition.type} is not published on ${context.topic}`);
  }
  const now = clock();
  const id = uuidV7(now.getTime());
  const event = {
    id,
    type: definition.type,
    source: context.source,
    subject: context.subject,
    time: now.toISOString(),
    ...(context.journeyId === undefined ? {} : { journeyId: context.journeyId }),
    correlationId: context.correlationId ?? id,
    ...(context.causationId === undefined ? {} : { causationId: context.causationId }),
    ...(context.topic === undefined ? {} : { topic: context.topic }),
    // Frozen (the event and its data's own fields) so that it stays as checked; a deep freeze
    // would cost more than the check on every event a run or a wave produces.
    data: Object.freeze(parsed.data) as EventData<D>,
  };
  for (const attribute of ['source', 'subject', 'journeyId', 'correlationId', 'causationId'] as const) {
    const problem = attributeProblem(attribute, event[attribute]);
    if (problem) throw new Error(`Invalid envelope for ${definition.type}: ${problem.reason}`);
  }
  checkedEvents.add(Object.freeze(event));
  return event;
}

/**
 * The Kafka message of an event about to leave the service (the outbox's write path): an event
 * createEvent built was checked already; any other must pass the same strict check here, so an
 * undeclared field or an undeclared type never reaches the bus whichever way the event was made.
 */
export function encodeOutgoingEvent(
  event: RekeyEvent,
  registry: EventRegistry = eventRegistry,
): EncodedEvent {
  if (!checkedEvents.has(event)) {
    const definition = registry.find(event.type);
    if (!definition) throw new Error(`Cannot publish ${event.type}: it is not in the event catalogue`);
    const parsed = parseOutgoingData(definition, event.data);
    if (!parsed.ok) throw new Error(`Invalid data for ${event.type}: ${parsed.issues.join('; ')}`);
  }
  return encodeEvent(event);
}

/** Context for an event caused by another: same journey and correlation, caused by that event. */
export function causedBy(cause: RekeyEvent, source: string, subject: string = cause.subject): EventContext {
  return {
    source,
    subject,
    ...(cause.journeyId === undefined ? {} : { journeyId: cause.journeyId }),
    correlationId: cause.correlationId,
    causationId: cause.id,
  };
}

/** Narrows a decoded event to one definition's type. */
export function isEventOf<D extends EventDefinition>(definition: D, event: RekeyEvent): event is EventOf<D> {
  return event.type === definition.type;
}

/**
 * The Kafka message for an event: the topic it names among its definition's, else the one its
 * definition names (its area's, or a restricted one), keyed by subject, attributes as `ce_*` headers.
 */
export function encodeEvent(event: RekeyEvent): EncodedEvent {
  const parsed = parseEventType(event.type);
  if (!parsed) throw new Error(`Cannot encode an event of type "${event.type}": not a Rekey event type`);
  const headers: Record<string, string> = {
    [CloudEventHeaders.specversion]: CLOUDEVENTS_SPEC_VERSION,
    [CloudEventHeaders.id]: event.id,
    [CloudEventHeaders.type]: event.type,
    [CloudEventHeaders.source]: event.source,
    [CloudEventHeaders.subject]: event.subject,
    [CloudEventHeaders.time]: event.time,
    [CloudEventHeaders.correlationId]: event.correlationId,
    [CloudEventHeaders.contentType]: EVENT_CONTENT_TYPE,
  };
  const optional: Array<[EnvelopeAttribute, string | undefined]> = [
    ['journeyId', event.journeyId],
    ['causationId', event.causationId],
  ];
  for (const [attribute, value] of optional) {
    if (value !== undefined) headers[CloudEventHeaders[attribute]] = value;
  }
  const definition = eventRegistry.find(event.type);
  if (event.topic !== undefined && !definition?.topics.includes(event.topic as never)) {
    throw new Error(`Cannot encode ${event.type} for ${event.topic}: not one of its topics`);
  }
  return {
    // A type outside the catalogue (a test's own) goes to its area's topic.
    topic: event.topic ?? definition?.topic ?? Topics[parsed.area],
    key: event.subject,
    value: Buffer.from(JSON.stringify(event.data), 'utf8'),
    headers,
  };
}
