import { CLOUDEVENTS_SPEC_VERSION, CloudEventHeaders, EVENT_CONTENT_TYPE } from '../envelope-attributes';
import type { JsonSchema } from '../json-schema';

const uuid = { type: 'string', format: 'uuid' };

/** The `ce_*` headers of the CloudEvents Kafka binary content mode, as an AsyncAPI schema. */
export function cloudEventsHeadersSchema(): JsonSchema {
  return {
    type: 'object',
    description: 'CloudEvents 1.0 attributes in the Kafka binary content mode, plus W3C trace context.',
    required: [
      CloudEventHeaders.specversion,
      CloudEventHeaders.id,
      CloudEventHeaders.type,
      CloudEventHeaders.source,
      CloudEventHeaders.subject,
      CloudEventHeaders.time,
      CloudEventHeaders.correlationId,
      CloudEventHeaders.contentType,
    ],
    properties: {
      [CloudEventHeaders.specversion]: { type: 'string', const: CLOUDEVENTS_SPEC_VERSION },
      [CloudEventHeaders.id]: { ...uuid, description: 'Event id, UUID v7 (time-ordered).' },
      [CloudEventHeaders.type]: {
        type: 'string',
        pattern: '^rekey\\.[a-z]+\\.[a-z][a-z0-9-]*\\.v[1-9][0-9]*$',
        description: 'rekey.<area>.<event>.v<N>',
      },
      [CloudEventHeaders.source]: { type: 'string', description: 'The producing service.' },
      [CloudEventHeaders.subject]: {
        type: 'string',
        description:
          'The legacy account id (or the wave, address or log the event is about); equals the Kafka key.',
      },
      [CloudEventHeaders.time]: { type: 'string', format: 'date-time', description: 'RFC 3339.' },
      [CloudEventHeaders.journeyId]: {
        ...uuid,
        description: "The customer's reset journey, when there is one.",
      },
      [CloudEventHeaders.correlationId]: {
        type: 'string',
        description: 'Shared by every event of one causal chain.',
      },
      [CloudEventHeaders.causationId]: {
        type: 'string',
        description: 'The id of the event or request that caused this one.',
      },
      [CloudEventHeaders.contentType]: { type: 'string', const: EVENT_CONTENT_TYPE },
      traceparent: { type: 'string', description: 'W3C Trace Context.' },
      tracestate: { type: 'string', description: 'W3C Trace Context.' },
    },
  };
}
