export * from './broker/broker.port';
export { PublishRefused, isPublishRefused } from './broker/publish.errors';
export { KafkajsBrokerClient, type KafkaConnection } from './broker/kafkajs-broker.adapter';
export { patchKafkajsRequestQueue } from './broker/kafkajs-request-queue.patch';
export { appendToOutbox, OUTBOX_CHANNEL, OUTBOX_COLUMNS, outboxRowSql } from './outbox/outbox-writer';
export { OutboxRelay, type OutboxRelayOptions } from './outbox/outbox-relay';
export { ParkedOutbox, type ParkedRow } from './outbox/parked-outbox';
export {
  EventConsumer,
  type Delivery,
  type EventConsumerOptions,
  type EventHandler,
} from './inbox/event-consumer';
export { defaultRetryPolicy, isRetryable, type RetryPolicy } from './inbox/retry-policy';
export { DeadLetterHeaders, toDeadLetter, type DeadLetterCause } from './dead-letter/dead-letter';
export {
  replayDeadLetters,
  REPLAY_GROUP,
  ReplayedHeader,
  type ReplayOptions,
  type ReplayReport,
} from './dead-letter/replay-dead-letters';
export { MessagingTables1767225600000 } from './schema/messaging-tables.migration';
export { MessagingRetention1768000000000 } from './schema/messaging-retention.migration';
export { MessagingParking1768100000000 } from './schema/messaging-parking.migration';
export { messagingMigrations } from './schema/messaging-migrations';
export {
  MessagingRetention,
  RETENTION_SWEEP_LOCK,
  type MessagingRetentionOptions,
  type SweepReport,
} from './retention/messaging-retention';
export { silentLogger, type MessagingLogger } from './messaging-logger';
export { extractTraceContext, injectCurrentTraceContext } from './tracing/message-tracing';
export { currentCause, runCausedBy, type EventCause } from './tracing/event-cause';
export { journeyOfEvent, type EventJourney } from './tracing/event-journey';
