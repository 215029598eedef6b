export { ConfigurationError, loadConfig } from './config/load-config';
export {
  ServiceEnvironment,
  serviceEnvironment,
  serviceEnvironmentShape,
} from './config/service-environment';
export { MessagingRuntime, type ConsumerDefinition } from './messaging/messaging-runtime';
export { SERVICE_CONFIG, SERVICE_LOGGER, type ServiceDefinition } from './bootstrap/service-definition';
export { runService, startService, type RunningService } from './bootstrap/start-service';
