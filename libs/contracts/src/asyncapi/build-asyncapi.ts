import type { EventDefinition } from '../define-event';
import type { EventRegistry } from '../registry';
import {
  deadLetterTopic,
  isRestrictedTopic,
  RestrictedTopicReaders,
  RestrictedTopics,
  Topics,
  type Area,
} from '../topics';
import { AreaProducers } from './area-producers';
import {
  DEAD_LETTER_MESSAGE,
  deadLetterChannelDescription,
  deadLetterHeadersSchema,
  deadLetterMessage,
  eventMessage,
  kafkaBindingVersion,
} from './asyncapi-messages';
import { asyncApiSecuritySchemes, asyncApiServers } from './asyncapi-servers';
import { cloudEventsHeadersSchema } from './cloud-events-headers';

export type AsyncApiDocument = Record<string, unknown>;

interface ChannelPlan {
  /** Channel id in the document: the area, or the restricted topic's name in RestrictedTopics. */
  id: string;
  topic: string;
  producer: string;
  description: string;
  definitions: EventDefinition[];
}

/**
 * The AsyncAPI 3.0 description of every topic, its dead letters and every event, built from the
 * registry so that it cannot disagree with what producers send and consumers accept.
 */
export function buildAsyncApi(registry: EventRegistry, version = '1.0.0'): AsyncApiDocument {
  const definitions = registry.allDefinitions();
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = { [DEAD_LETTER_MESSAGE]: deadLetterMessage() };

  for (const plan of channelPlans(definitions)) {
    const deadLetters = `${plan.id}DeadLetters`;
    channels[plan.id] = {
      address: plan.topic,
      title: plan.topic,
      description: plan.description,
      messages: Object.fromEntries(
        plan.definitions.map((definition) => [
          definition.type,
          { $ref: `#/components/messages/${definition.type}` },
        ]),
      ),
      bindings: { kafka: { topic: plan.topic, bindingVersion: kafkaBindingVersion } },
    };
    channels[deadLetters] = {
      address: deadLetterTopic(plan.topic),
      title: deadLetterTopic(plan.topic),
      description: deadLetterChannelDescription(plan.topic),
      messages: { [DEAD_LETTER_MESSAGE]: { $ref: `#/components/messages/${DEAD_LETTER_MESSAGE}` } },
      bindings: { kafka: { topic: deadLetterTopic(plan.topic), bindingVersion: kafkaBindingVersion } },
    };
    operations[`send${capitalise(plan.id)}Events`] = {
      action: 'send',
      channel: { $ref: `#/channels/${plan.id}` },
      title: `Publish ${plan.topic}`,
      summary: `Published by ${plan.producer} through its transactional outbox.`,
      messages: plan.definitions.map((definition) => ({
        $ref: `#/channels/${plan.id}/messages/${definition.type}`,
      })),
    };
    operations[`send${capitalise(deadLetters)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${deadLetters}` },
      title: `Dead-letter ${plan.topic}`,
      summary: `Written by a consumer of ${plan.topic} that gives up on a message (at once for bad input, after its retries otherwise).`,
      messages: [{ $ref: `#/channels/${deadLetters}/messages/${DEAD_LETTER_MESSAGE}` }],
    };
  }
  definitions.forEach((definition, index) => {
    messages[definition.type] = eventMessage(definition, index + 1);
  });

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Rekey events',
      version,
      description:
        "Events of the reset-only CIAM migration. Every message is a CloudEvents 1.0 event in the Kafka binary content mode: attributes in `ce_*` headers, data as the JSON body, keyed by its subject (ce_subject): the legacy account id, so that one account's events stay ordered, except for the few events about no single account, whose key binding says what they are keyed by. Within a version, changes are additive and optional only; anything else is a new version. Producers refuse to send a field their schema does not declare; consumers ignore fields added after they were built. Events carry ids and facts, never tokens, codes or hashes of credentials; contacts are masked, and travel in clear only on restricted topics, each read by one service: rekey.restricted.identity-contacts by reset-issuance, rekey.restricted.enrollment-contacts by enrollment. Invalid messages go to `<topic>.dlq` with the reason in `rekey-dlq-*` headers.",
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    defaultContentType: 'application/json',
    servers: asyncApiServers(),
    channels,
    operations,
    components: {
      schemas: {
        CloudEventsHeaders: cloudEventsHeadersSchema(),
        DeadLetterHeaders: deadLetterHeadersSchema(),
      },
      securitySchemes: asyncApiSecuritySchemes(),
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

/** One channel per topic that carries events: the area topics in order, then the restricted ones. */
function channelPlans(definitions: EventDefinition[]): ChannelPlan[] {
  const plans: ChannelPlan[] = [];
  for (const area of Object.keys(Topics) as Area[]) {
    const inTopic = definitions.filter((definition) => definition.topics.includes(Topics[area]));
    if (inTopic.length === 0) continue;
    plans.push({
      id: area,
      topic: Topics[area],
      producer: AreaProducers[area],
      description: areaDescription(area),
      definitions: inTopic,
    });
  }
  for (const [id, topic] of Object.entries(RestrictedTopics)) {
    const inTopic = definitions.filter((definition) => definition.topics.includes(topic));
    const [first] = inTopic;
    if (!first) continue;
    plans.push({
      id,
      topic,
      producer: AreaProducers[first.area],
      description: restrictedDescription(topic),
      definitions: inTopic,
    });
  }
  const placed = new Set(plans.flatMap((plan) => plan.definitions));
  const stray = definitions.filter((definition) => !placed.has(definition));
  if (stray.length > 0)
    throw new Error(`No channel for ${stray.map((definition) => definition.type).join(', ')}`);
  return plans;
}

function areaDescription(area: Area): string {
  const stability =
    area === 'migration'
      ? 'Public and stable: the topic downstream applications consume.'
      : 'Internal to Rekey; downstream applications should read rekey.migration instead.';
  return `${stability} Shared: no contact in clear. Dead letters: ${deadLetterTopic(Topics[area])}.`;
}

function restrictedDescription(topic: string): string {
  const reader = isRestrictedTopic(topic) ? RestrictedTopicReaders[topic] : 'nobody';
  return `Restricted: carries contacts in clear, and only ${reader} may read it (and its dead letters, ${deadLetterTopic(topic)}). Not an area topic: services that read every area topic, such as audit, never subscribe to it. A deployment grants Read on it to ${reader}'s principal alone (deploy/README.md lists the ACLs).`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
