/**
 * Kafka topics by area. Every message is keyed by the legacy account id, so one account's events
 * keep their order. `rekey.migration` is the public, stable topic for downstream applications.
 */
export const Topics = {
  identity: 'rekey.identity',
  reset: 'rekey.reset',
  enrollment: 'rekey.enrollment',
  session: 'rekey.session',
  fraud: 'rekey.fraud',
  audit: 'rekey.audit',
  migration: 'rekey.migration',
} as const;

export type Area = keyof typeof Topics;
export type Topic = (typeof Topics)[Area];

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** Every topic the platform needs, dead-letter topics included, to be created up front. */
export function allTopics(): string[] {
  const topics = Object.values(Topics) as string[];
  return [...topics, ...topics.map(deadLetterTopic)];
}
