/**
 * The headers a dead letter carries besides the original message's own (CONVENTIONS.md §5): why
 * it could not be handled, and where it came from, so it can be read and replayed. The messaging
 * layer writes them; they are part of the contract because operators and tools read them.
 */
export const DeadLetterHeaders = {
  reason: 'rekey-dlq-reason',
  code: 'rekey-dlq-code',
  sourceTopic: 'rekey-dlq-source-topic',
  sourcePartition: 'rekey-dlq-source-partition',
  sourceOffset: 'rekey-dlq-source-offset',
  consumer: 'rekey-dlq-consumer',
  attempts: 'rekey-dlq-attempts',
  failedAt: 'rekey-dlq-failed-at',
} as const;

export type DeadLetterHeader = keyof typeof DeadLetterHeaders;

/** What each header holds, for the published document. */
export const DeadLetterHeaderMeanings: Record<
  DeadLetterHeader,
  { description: string; pattern?: string; format?: string }
> = {
  reason: {
    description:
      'Why the message could not be handled, for the operator (at most 2,000 characters; never a contact, token or code).',
  },
  code: {
    description:
      'Stable code of the failure: an `event.*` decoding code (e.g. `event.schema-violation`, `event.unknown-type`), a domain error code (e.g. `reset-token.expired`), `handler.rejected` for a failure not worth retrying, or `handler.retries-exhausted` after the retries ran out.',
  },
  sourceTopic: { description: 'The topic the message was read from (the one a replay puts it back on).' },
  sourcePartition: { description: 'Its partition there, in decimal.', pattern: '^[0-9]+$' },
  sourceOffset: { description: 'Its offset there, in decimal.', pattern: '^[0-9]+$' },
  consumer: { description: 'The consumer (inbox name) that gave up on it.' },
  attempts: { description: 'How many times it was tried, in decimal.', pattern: '^[1-9][0-9]*$' },
  failedAt: { description: 'When it was dead-lettered, RFC 3339.', format: 'date-time' },
};
