import type { RekeyEvent } from './envelope';
import { parseIncomingData } from './event-data-parsing';
import { attributeProblem, CloudEventHeaders, type EnvelopeAttribute } from './envelope-attributes';
import type { EventRegistry } from './registry';

/** A Kafka message as read, whatever the client: header values may still be bytes. */
export interface IncomingEventMessage {
  key: string | Buffer | null;
  value: Buffer | null;
  headers: Record<string, string | Buffer | undefined>;
}

export type DecodeErrorCode =
  | 'event.missing-header'
  | 'event.invalid-header'
  | 'event.key-mismatch'
  | 'event.unknown-type'
  | 'event.invalid-json'
  | 'event.schema-violation';

export interface DecodeError {
  /** Stable, for dead-letter headers and metrics. */
  code: DecodeErrorCode;
  /** For the operator reading the dead letter: which header, field or byte went wrong. */
  reason: string;
}

export type DecodeResult = { ok: true; event: RekeyEvent } | { ok: false; error: DecodeError };

const attributeOrder: readonly EnvelopeAttribute[] = [
  'specversion',
  'id',
  'type',
  'source',
  'subject',
  'time',
  'journeyId',
  'correlationId',
  'causationId',
  'contentType',
];

/**
 * Reads one message into a validated event. Never throws: whatever arrives, the answer is an
 * event or the reason it is not one, so a consumer can dead-letter it and move on.
 */
export function decodeEvent(registry: EventRegistry, message: IncomingEventMessage): DecodeResult {
  try {
    return decode(registry, message);
  } catch (error) {
    // Validators are data-driven and should not throw; if one does, the message is still bad input.
    const reason = error instanceof Error ? error.message : String(error);
    return failure('event.schema-violation', `validation failed unexpectedly: ${reason}`);
  }
}

function decode(registry: EventRegistry, message: IncomingEventMessage): DecodeResult {
  const values: Partial<Record<EnvelopeAttribute, string>> = {};
  for (const attribute of attributeOrder) {
    const value = text(message.headers[CloudEventHeaders[attribute]]);
    const problem = attributeProblem(attribute, value);
    if (problem) {
      return failure(
        problem.kind === 'missing' ? 'event.missing-header' : 'event.invalid-header',
        problem.reason,
      );
    }
    if (value !== undefined) values[attribute] = value;
  }
  // Every required attribute was checked present above.
  const present = (attribute: EnvelopeAttribute): string => values[attribute] ?? '';
  const type = present('type');
  const subject = present('subject');

  const key = text(message.key);
  if (key !== subject) {
    return failure(
      'event.key-mismatch',
      key === undefined
        ? `message has no key; it must be the subject ${JSON.stringify(subject)}`
        : `message key ${JSON.stringify(key)} differs from header ${CloudEventHeaders.subject} ${JSON.stringify(subject)}`,
    );
  }

  const definition = registry.find(type);
  if (!definition) return failure('event.unknown-type', `unknown event type ${type}`);

  if (message.value === null || message.value.length === 0) {
    return failure('event.invalid-json', `message has no body; ${type} carries its data as JSON`);
  }
  let body: unknown;
  try {
    body = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    return failure('event.invalid-json', `body is not valid JSON: ${(error as Error).message}`);
  }

  // Tolerant: fields added to this version after this consumer was built are dropped, not refused.
  const parsed = parseIncomingData(definition, body);
  if (!parsed.ok) {
    return failure('event.schema-violation', `data does not match ${type}: ${parsed.issues.join('; ')}`);
  }

  const event: RekeyEvent = {
    id: present('id'),
    type,
    source: present('source'),
    subject,
    time: present('time'),
    ...(values.journeyId === undefined ? {} : { journeyId: values.journeyId }),
    correlationId: present('correlationId'),
    ...(values.causationId === undefined ? {} : { causationId: values.causationId }),
    data: parsed.data,
  };
  return { ok: true, event };
}

function text(value: string | Buffer | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : value.toString('utf8');
}

function failure(code: DecodeErrorCode, reason: string): DecodeResult {
  return { ok: false, error: { code, reason } };
}
