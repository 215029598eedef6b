import { context as contextApi, trace } from '@opentelemetry/api';
import { JourneyLogFields, journeyOf } from './journey-attributes';
import pino, { type DestinationStream, type Logger } from 'pino';
import { REDACTED, scrubText, scrubValue } from './secret-scrubber';

export type { Logger } from 'pino';

export interface LoggerOptions {
  serviceName: string;
  level?: string;
  /** Where lines go; stdout by default. */
  destination?: DestinationStream;
}

// Fast path for the usual places secrets sit; scrubValue catches the rest by key and by shape.
const redactedPaths = [
  'authorization',
  'cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.authorization',
  '*.password',
  '*.token',
  '*.secret',
  '*.code',
  '*.otp',
];

/**
 * JSON logs: one object per line with the service, the trace and span of the active span so that
 * a line leads to its trace, and the journey, wave and account the work is about (tagJourney).
 * Tokens, codes, secrets and credentials never reach the output.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.serviceName },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'message',
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubValue(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((argument) =>
              typeof argument === 'string' ? scrubText(argument) : argument,
            ) as Parameters<typeof method>,
          );
        },
      },
      redact: { paths: redactedPaths, censor: REDACTED },
      mixin: traceAndJourney,
      serializers: { err: (error: Error) => scrubValue(error) },
    },
    options.destination,
  );
}

const journeyFieldNames = Object.entries(JourneyLogFields) as Array<[keyof typeof JourneyLogFields, string]>;

/** Read from the OpenTelemetry context on every line: a lookup, no allocation when there is none. */
function traceAndJourney(): Record<string, string> {
  const active = contextApi.active();
  const spanContext = trace.getSpanContext(active);
  const journey = journeyOf(active);
  if (!spanContext && !journey) return {};
  const fields: Record<string, string> = {};
  if (spanContext) {
    fields['trace_id'] = spanContext.traceId;
    fields['span_id'] = spanContext.spanId;
  }
  if (journey) {
    for (const [name, field] of journeyFieldNames) {
      const value = journey[name];
      if (value) fields[field] = value;
    }
  }
  return fields;
}
