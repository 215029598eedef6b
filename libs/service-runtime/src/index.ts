export { ConfigurationError, loadConfig } from './config/load-config';
export { readOrCreateSecretFile } from './config/development-secret-file';
export {
  ServiceEnvironment,
  serviceEnvironment,
  serviceEnvironmentShape,
} from './config/service-environment';
export { MessagingRuntime, type ConsumerDefinition } from './messaging/messaging-runtime';
export { ConsumerGroup, type ConsumerGroupOptions } from './messaging/consumer-group.decorator';
export { InboxContext } from './messaging/inbox-context';
export { InboxEventTransport, INBOX_TRANSPORT } from './messaging/inbox-event-transport';
export { connectEventTransport } from './messaging/connect-event-transport';
export { SERVICE_CONFIG, SERVICE_LOGGER, type ServiceDefinition } from './bootstrap/service-definition';
export { runService, startService, type RunningService } from './bootstrap/start-service';
export { serviceRoutesOf, UndeclaredRouteError } from './bootstrap/route-access-check';
export { UnreadableRequestBody } from './http/unreadable-request-body';
export {
  BackgroundLoop,
  backoffDelay,
  CLOCK,
  systemClock,
  timeOrderedClock,
  type Backoff,
  type BackgroundLoopLog,
  type BackgroundLoopOptions,
  type Clock,
  type TickOutcome,
} from '@rekey/background';
