import type { EventDefinition } from '../define-event';
import { eventJsonSchema, type JsonSchema } from '../json-schema';
import type { EventRegistry } from '../registry';
import { deadLetterTopic, Topics, type Area } from '../topics';
import { AreaProducers } from './area-producers';
import { cloudEventsHeadersSchema } from './cloud-events-headers';

export type AsyncApiDocument = Record<string, unknown>;

const kafkaBindingVersion = '0.5.0';

/**
 * The AsyncAPI 3.0 description of every topic and event, built from the registry so that it
 * cannot disagree with what producers send and consumers accept.
 */
export function buildAsyncApi(registry: EventRegistry, version = '1.0.0'): AsyncApiDocument {
  const byArea = groupByArea(registry.allDefinitions());
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};

  for (const [area, definitions] of byArea) {
    const topic = Topics[area];
    channels[area] = {
      address: topic,
      title: topic,
      description: channelDescription(area),
      messages: Object.fromEntries(
        definitions.map((definition) => [
          definition.type,
          { $ref: `#/components/messages/${definition.type}` },
        ]),
      ),
      bindings: { kafka: { topic, bindingVersion: kafkaBindingVersion } },
    };
    operations[`send${capitalise(area)}Events`] = {
      action: 'send',
      channel: { $ref: `#/channels/${area}` },
      title: `Publish ${topic}`,
      summary: `Published by ${AreaProducers[area]} through its transactional outbox.`,
      messages: definitions.map((definition) => ({ $ref: `#/channels/${area}/messages/${definition.type}` })),
    };
    for (const definition of definitions) messages[definition.type] = message(definition);
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Rekey events',
      version,
      description:
        "Events of the reset-only CIAM migration. Every message is a CloudEvents 1.0 event in the Kafka binary content mode: attributes in `ce_*` headers, data as the JSON body, keyed by the legacy account id so that one account's events stay ordered. Within a version, changes are additive and optional only; anything else is a new version, published beside the old one. Events carry ids and facts, never tokens, codes, hashes of credentials or contacts in clear. Invalid messages go to `<topic>.dlq` with the reason in `rekey-dlq-*` headers.",
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: {
      schemas: { CloudEventsHeaders: cloudEventsHeadersSchema() },
      correlationIds: {
        cloudEventsCorrelation: {
          description: 'Shared by every event of one causal chain.',
          location: '$message.header#/ce_correlationid',
        },
      },
      messages,
    },
  };
}

function message(definition: EventDefinition): Record<string, unknown> {
  return {
    name: definition.type,
    title: definition.type,
    summary: definition.description,
    contentType: 'application/json',
    headers: {
      allOf: [
        { $ref: '#/components/schemas/CloudEventsHeaders' },
        { type: 'object', properties: { ce_type: { type: 'string', const: definition.type } } },
      ],
    },
    payload: withoutDialect(eventJsonSchema(definition)),
    correlationId: { $ref: '#/components/correlationIds/cloudEventsCorrelation' },
    bindings: {
      kafka: {
        key: { type: 'string', description: 'The event subject (ce_subject): the legacy account id.' },
        bindingVersion: kafkaBindingVersion,
      },
    },
  };
}

/** AsyncAPI schemas are draft-07 already; a `$schema` inside one would only confuse tools. */
function withoutDialect(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

function groupByArea(definitions: EventDefinition[]): Map<Area, EventDefinition[]> {
  const byArea = new Map<Area, EventDefinition[]>();
  for (const area of Object.keys(Topics) as Area[]) {
    const inArea = definitions.filter((definition) => definition.area === area);
    if (inArea.length > 0) byArea.set(area, inArea);
  }
  return byArea;
}

function channelDescription(area: Area): string {
  const stability =
    area === 'migration'
      ? 'Public and stable: the topic downstream applications consume.'
      : 'Internal to Rekey; downstream applications should read rekey.migration instead.';
  return `${stability} Keyed by legacy account id. Dead letters: ${deadLetterTopic(Topics[area])}.`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
