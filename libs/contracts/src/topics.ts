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

/**
 * Topics that carry personal data in clear, each read by one named consumer only. They are not
 * area topics: whoever reads "every area topic" (audit, downstream teams) never sees them, and a
 * deployment grants read access to them to that consumer's principal alone (see deploy/README.md).
 */
export const RestrictedTopics = {
  /** Verified contacts of linked accounts, for reset-issuance to send notices, links and codes. */
  identityContacts: 'rekey.restricted.identity-contacts',
  /** The same contacts, for enrollment to tell the customer a sign-in method was added. */
  enrollmentContacts: 'rekey.restricted.enrollment-contacts',
} as const;

export type RestrictedTopic = (typeof RestrictedTopics)[keyof typeof RestrictedTopics];

/** The one service allowed to read each restricted topic (and its dead letters). */
export const RestrictedTopicReaders: Record<RestrictedTopic, string> = {
  [RestrictedTopics.identityContacts]: 'reset-issuance',
  [RestrictedTopics.enrollmentContacts]: 'enrollment',
};

export function isRestrictedTopic(topic: string): topic is RestrictedTopic {
  return Object.hasOwn(RestrictedTopicReaders, topic);
}

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** Every topic the platform needs, restricted and dead-letter topics included, to be created up front. */
export function allTopics(): string[] {
  const topics = [...Object.values(Topics), ...Object.values(RestrictedTopics)] as string[];
  return [...topics, ...topics.map(deadLetterTopic)];
}
