import { z } from 'zod';
import { parseEventType } from './define-event';

/** CloudEvents 1.0 attributes as Kafka headers in the binary content mode (`ce_` prefix, lower case). */
export const CloudEventHeaders = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  subject: 'ce_subject',
  time: 'ce_time',
  journeyId: 'ce_journeyid',
  correlationId: 'ce_correlationid',
  causationId: 'ce_causationid',
  contentType: 'content-type',
} as const;

export type EnvelopeAttribute = keyof typeof CloudEventHeaders;

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
export const EVENT_CONTENT_TYPE = 'application/json';

interface AttributeRule {
  required: boolean;
  /** Completes "header ce_x must be ...". */
  expected: string;
  isValid(value: string): boolean;
}

const uuid = z.uuid();
const rfc3339 = z.iso.datetime({ offset: true });
const identifier = /^\S{1,255}$/;

const rules: Record<EnvelopeAttribute, AttributeRule> = {
  specversion: {
    required: true,
    expected: `"${CLOUDEVENTS_SPEC_VERSION}"`,
    isValid: (value) => value === '1.0',
  },
  id: { required: true, expected: 'a UUID', isValid: (value) => uuid.safeParse(value).success },
  type: {
    required: true,
    expected: 'an event type rekey.<area>.<event>.v<N>',
    isValid: (value) => parseEventType(value) !== undefined,
  },
  source: {
    required: true,
    expected: 'a service name without spaces',
    isValid: (value) => identifier.test(value),
  },
  subject: {
    required: true,
    expected: 'a non-empty id of at most 512 characters',
    isValid: (value) => value.length > 0 && value.length <= 512,
  },
  time: {
    required: true,
    expected: 'an RFC 3339 date-time',
    isValid: (value) => rfc3339.safeParse(value).success,
  },
  journeyId: { required: false, expected: 'a UUID', isValid: (value) => uuid.safeParse(value).success },
  correlationId: {
    required: true,
    expected: 'an id without spaces',
    isValid: (value) => identifier.test(value),
  },
  causationId: {
    required: false,
    expected: 'an id without spaces',
    isValid: (value) => identifier.test(value),
  },
  contentType: {
    required: true,
    expected: `${EVENT_CONTENT_TYPE}`,
    isValid: (value) => (value.split(';')[0] ?? '').trim().toLowerCase() === EVENT_CONTENT_TYPE,
  },
};

export interface AttributeProblem {
  kind: 'missing' | 'invalid';
  reason: string;
}

/** Says what is wrong with one attribute's value, or nothing when it is acceptable. */
export function attributeProblem(
  attribute: EnvelopeAttribute,
  value: string | undefined,
): AttributeProblem | undefined {
  const rule = rules[attribute];
  const header = CloudEventHeaders[attribute];
  if (value === undefined) {
    return rule.required ? { kind: 'missing', reason: `header ${header} is missing` } : undefined;
  }
  if (rule.isValid(value)) return undefined;
  return { kind: 'invalid', reason: `header ${header} must be ${rule.expected}, got ${quote(value)}` };
}

function quote(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return JSON.stringify(shown);
}
