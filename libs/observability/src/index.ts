export { startTelemetry, type TelemetryHandle, type TelemetryOptions } from './start-telemetry';
export { createLogger, type Logger, type LoggerOptions } from './logger';
export { PinoNestLogger } from './pino-nest-logger';
export { isSecretKey, REDACTED, scrubText, scrubValue } from './secret-scrubber';
export { JourneyAttributes, tagJourney } from './journey-attributes';
