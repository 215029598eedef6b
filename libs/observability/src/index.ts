export { startTelemetry, type TelemetryHandle, type TelemetryOptions } from './start-telemetry';
export { createLogger, type Logger, type LoggerOptions } from './logger';
export { PinoNestLogger } from './pino-nest-logger';
export { isSecretKey, REDACTED, scrubText, scrubValue } from './secret-scrubber';
export {
  JOURNEY_SCOPE_KEY,
  JourneyAttributes,
  JourneyLogFields,
  journeyAttributes,
  journeyOf,
  openJourneyScope,
  tagJourney,
  type JourneyFields,
} from './journey-attributes';
export { inBackgroundSpan, type BackgroundSpanOptions } from './background-span';
export { journeyOfRequest } from './request-journey';
export { inJourneySpan } from './journey-span';
export {
  contextOfStored,
  currentTraceparent,
  spanContextOfStored,
  TRACEPARENT_PATTERN,
  type StoredTraceContext,
} from './trace-context';
