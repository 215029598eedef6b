import { DeadLetterHeaders, deadLetterTopic } from '@rekey/contracts';
import type { IncomingMessage, OutgoingMessage } from '../broker/broker.port';

// The header names are part of the published contract (docs/asyncapi.yaml): defined there.
export { DeadLetterHeaders };

export interface DeadLetterCause {
  code: string;
  reason: string;
  attempts: number;
}

const maxReasonLength = 2_000;

/** The original bytes and headers, plus why and where from, so that it can be read and replayed. */
export function toDeadLetter(
  message: IncomingMessage,
  consumer: string,
  cause: DeadLetterCause,
  now: Date,
): OutgoingMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined && !name.startsWith('rekey-dlq-')) headers[name] = value;
  }
  headers[DeadLetterHeaders.reason] = cause.reason.slice(0, maxReasonLength);
  headers[DeadLetterHeaders.code] = cause.code;
  headers[DeadLetterHeaders.sourceTopic] = message.topic;
  headers[DeadLetterHeaders.sourcePartition] = String(message.partition);
  headers[DeadLetterHeaders.sourceOffset] = message.offset;
  headers[DeadLetterHeaders.consumer] = consumer;
  headers[DeadLetterHeaders.attempts] = String(cause.attempts);
  headers[DeadLetterHeaders.failedAt] = now.toISOString();
  return {
    topic: deadLetterTopic(message.topic),
    key: message.key ?? '',
    value: message.value ?? Buffer.alloc(0),
    headers,
  };
}
