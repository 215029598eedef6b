import { DeadLetterHeaderMeanings, DeadLetterHeaders, type DeadLetterHeader } from '../dead-letter-headers';
import type { EventDefinition } from '../define-event';
import { CLOUDEVENTS_SPEC_VERSION, CloudEventHeaders, EVENT_CONTENT_TYPE } from '../envelope-attributes';
import { fixtureOf, type EventFixture } from '../fixtures/event-fixtures';
import { eventPayloadSchema, type JsonSchema } from '../json-schema';
import { IdentityLinkedV2 } from '../identity/linked.v2';
import { deadLetterTopic } from '../topics';
import { AreaProducers } from './area-producers';

export const kafkaBindingVersion = '0.5.0';
export const DEAD_LETTER_MESSAGE = 'DeadLetter';

const exampleTime = '2026-11-20T10:00:00.000Z';
const exampleTraceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/** One event type as an AsyncAPI message: its headers, payload, key and one example. */
export function eventMessage(definition: EventDefinition, index: number): Record<string, unknown> {
  return {
    name: definition.type,
    title: definition.type,
    summary: definition.description,
    contentType: 'application/json',
    headers: {
      allOf: [
        { $ref: '#/components/schemas/CloudEventsHeaders' },
        {
          type: 'object',
          properties: {
            ce_type: { type: 'string', const: definition.type },
            ce_subject: { type: 'string', description: definition.subject },
          },
        },
      ],
    },
    payload: eventPayloadSchema(definition),
    correlationId: { $ref: '#/components/correlationIds/cloudEventsCorrelation' },
    bindings: {
      kafka: {
        key: { type: 'string', description: `Equals ce_subject. ${definition.subject}` },
        bindingVersion: kafkaBindingVersion,
      },
    },
    examples: [eventExample(definition, fixtureOf(definition.type), index)],
  };
}

/** A fixed id per message, so the generated document is the same on every run. */
function exampleId(index: number): string {
  return `01936f53-0000-7000-8000-${index.toString(16).padStart(12, '0')}`;
}

function exampleHeaders(definition: EventDefinition, fixture: EventFixture, index: number) {
  const id = exampleId(index);
  return {
    [CloudEventHeaders.specversion]: CLOUDEVENTS_SPEC_VERSION,
    [CloudEventHeaders.id]: id,
    [CloudEventHeaders.type]: definition.type,
    [CloudEventHeaders.source]: AreaProducers[definition.area],
    [CloudEventHeaders.subject]: fixture.subject,
    [CloudEventHeaders.time]: exampleTime,
    ...(fixture.journeyId === undefined ? {} : { [CloudEventHeaders.journeyId]: fixture.journeyId }),
    [CloudEventHeaders.correlationId]: id,
    [CloudEventHeaders.contentType]: EVENT_CONTENT_TYPE,
    traceparent: exampleTraceparent,
  };
}

function eventExample(definition: EventDefinition, fixture: EventFixture, index: number) {
  return {
    name: 'fixture',
    summary: `The contract tests' fixture of ${definition.type}.`,
    headers: exampleHeaders(definition, fixture, index),
    payload: fixture.data,
  };
}

/** The headers a dead letter adds to the original message's own. */
export function deadLetterHeadersSchema(): JsonSchema {
  const names = Object.keys(DeadLetterHeaders) as DeadLetterHeader[];
  return {
    type: 'object',
    description:
      "The original message's headers (CloudEvents `ce_*`, trace context), as they were, plus these. A header the original carried under a `rekey-dlq-` name is dropped first.",
    required: names.map((name) => DeadLetterHeaders[name]),
    properties: Object.fromEntries(
      names.map((name) => [DeadLetterHeaders[name], { type: 'string', ...DeadLetterHeaderMeanings[name] }]),
    ),
  };
}

/** A dead letter: the original bytes and key, with why and where from in `rekey-dlq-*` headers. */
export function deadLetterMessage(): Record<string, unknown> {
  const linked = fixtureOf(IdentityLinkedV2.type);
  return {
    name: DEAD_LETTER_MESSAGE,
    title: 'Dead letter',
    summary:
      'A message a consumer could not handle: the original key, headers and body byte for byte, plus rekey-dlq-* headers saying why and where from. `npm run dlq:replay` puts it back on its source topic.',
    contentType: 'application/octet-stream',
    headers: { $ref: '#/components/schemas/DeadLetterHeaders' },
    payload: {
      description:
        "The original message's body, unchanged. It may not be valid JSON, or not match its schema: that can be why it is here.",
    },
    bindings: {
      kafka: {
        key: { type: 'string', description: "The original message's key; empty when it had none." },
        bindingVersion: kafkaBindingVersion,
      },
    },
    examples: [
      {
        name: 'schema-violation',
        summary: "A linked event whose data broke its schema, as audit's recorder consumer dead-lettered it.",
        headers: {
          ...exampleHeaders(IdentityLinkedV2, linked, 0),
          [DeadLetterHeaders.reason]: 'data does not match rekey.identity.linked.v2: band: Invalid option',
          [DeadLetterHeaders.code]: 'event.schema-violation',
          [DeadLetterHeaders.sourceTopic]: IdentityLinkedV2.topic,
          [DeadLetterHeaders.sourcePartition]: '2',
          [DeadLetterHeaders.sourceOffset]: '18233',
          [DeadLetterHeaders.consumer]: 'recorder',
          [DeadLetterHeaders.attempts]: '1',
          [DeadLetterHeaders.failedAt]: exampleTime,
        },
      },
    ],
  };
}

export function deadLetterChannelDescription(topic: string): string {
  return `Dead letters of ${topic}: what its consumers could not handle, for an operator to read and replay. Same readers as ${topic}. Address: ${deadLetterTopic(topic)}.`;
}
