export {
  ensureLocalStack,
  stopLocalStack,
  localStackStatus,
  type LocalStack,
  type LocalStackStatus,
} from './local-stack/local-stack';
export {
  serviceNames,
  serviceDatabaseName,
  serviceDatabaseUrl,
  ensureServiceDatabases,
  type ServiceName,
} from './local-stack/service-databases';
export { ensureKafkaJars, hasKafkaJars, kafkaLibsDir } from './local-stack/kafka-jars';
export { stackSettings, type StackSettings } from './local-stack/stack-settings';
export { startPrivateKafkaBroker, type PrivateKafkaBroker } from './local-stack/private-kafka-broker';
export {
  servicePorts,
  startServiceProcess,
  stopServiceProcess,
  waitUntilReady,
  type ServiceProcess,
  type ServiceProcessOptions,
} from './services/service-process';
export { createIsolatedTopics } from './fixtures/isolated-topics';
export { openScratchDataSource } from './fixtures/scratch-data-source';
export { eventually } from './fixtures/eventually';
export { freePort } from './fixtures/free-port';
export { readAllMessages, type ReadMessage } from './fixtures/topic-messages';
export { localServiceEnvironment } from './services/local-service-environment';
export {
  startLegacyCiamProcess,
  LEGACY_CIAM_DEV_TOKEN,
  type LegacyCiamProcess,
} from './services/legacy-ciam-process';
export { isolatedPlatform, type IsolatedPlatform } from './services/isolated-platform';
export { RecordingSpanProcessor } from './fixtures/recording-span-processor';
export {
  EnrolmentClient,
  EnrolmentStepFailed,
  type EnrolmentTarget,
  type HttpAnswer,
} from './enrolment/enrolment-client';
export { enrolPasskey, type CeremonyStep, type PasskeyDevice } from './enrolment/passkey-enrolment';
export {
  authenticatorAppCode,
  enrolBridgePassword,
  enrolTotpAndPassword,
  typedTotpKeyOf,
} from './enrolment/factor-enrolment';
