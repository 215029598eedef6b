import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Span } from '@opentelemetry/api';
import { W3CBaggagePropagator, W3CTraceContextPropagator, CompositePropagator } from '@opentelemetry/core';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { journeyAttributes } from './journey-attributes';
import { journeyOfRequest } from './request-journey';

export interface TelemetryOptions {
  serviceName: string;
  serviceVersion?: string;
  /** Replaces the exporters chosen by OTEL_TRACES_EXPORTER (tests pass an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
  environment?: NodeJS.ProcessEnv;
}

export interface TelemetryHandle {
  /** Flushes what is buffered and stops exporting. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry Node SDK. Call it first in main.ts, before Nest, express or pg are
 * required: instrumentation patches modules as they load. Configured by the standard OTEL_*
 * variables; with no exporter and no endpoint set, traces stay local (ids in logs and headers,
 * nothing exported). Kafka spans come from @rekey/messaging, which parents each publish on the
 * trace that wrote its outbox row.
 */
export function startTelemetry(options: TelemetryOptions): TelemetryHandle {
  const environment = options.environment ?? process.env;
  const sdk = new NodeSDK({
    serviceName: environment['OTEL_SERVICE_NAME'] || options.serviceName,
    resource: resourceFromAttributes({
      'service.name': environment['OTEL_SERVICE_NAME'] || options.serviceName,
      'service.namespace': 'rekey',
      ...(options.serviceVersion ? { 'service.version': options.serviceVersion } : {}),
    }),
    textMapPropagator: new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
    instrumentations: [
      new HttpInstrumentation({
        // Probes every few seconds would drown the traces that matter.
        ignoreIncomingRequestHook: (request) => (request.url ?? '').startsWith('/health'),
        applyCustomAttributesOnSpan: nameAfterRoute,
      }),
      // Route handlers only: a span for each body parser and guard layer costs more than it tells.
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
      // Queries, not pool check-outs: a wait for a connection already shows in the query's span.
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    ],
    ...spanProcessorsFor(options, environment),
    // Logs go to stdout as JSON and metrics are opt-in: neither defaults to an OTLP endpoint.
    ...(environment['OTEL_LOGS_EXPORTER'] ? {} : { logRecordProcessors: [] }),
    ...(environment['OTEL_METRICS_EXPORTER'] ? {} : { metricReaders: [] }),
  });
  sdk.start();
  let stopped: Promise<void> | undefined;
  return { shutdown: () => (stopped ??= sdk.shutdown().catch(() => undefined)) };
}

function spanProcessorsFor(
  options: TelemetryOptions,
  environment: NodeJS.ProcessEnv,
): { spanProcessors?: SpanProcessor[] } {
  if (options.spanProcessors) return { spanProcessors: options.spanProcessors };
  const endpoint =
    environment['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] || environment['OTEL_EXPORTER_OTLP_ENDPOINT'];
  const exporters = environment['OTEL_TRACES_EXPORTER'] || (endpoint ? 'otlp' : 'none');
  // Keep a tracer provider even when nothing is exported, so trace ids reach logs, problems and headers.
  if (exporters.trim() === 'none') return { spanProcessors: [new NoopSpanProcessor()] };
  return {};
}

/**
 * Names a server span after the route its request matched (`POST /operator/holds`), read from
 * Express as the response finishes. Nest loads its HTTP adapter as an ES module, out of reach of
 * the Express instrumentation that would otherwise record the route; without this every span of
 * a service would be called just `POST`. (A Nest interceptor could do it too, but any interceptor
 * puts every request of the service through an RxJS pipeline.) The journey, wave or account a
 * route names in its path or body is added then too (tagJourney adds what a handler learns).
 */
function nameAfterRoute(span: Span, request: ClientRequest | IncomingMessage): void {
  const route = (request as { route?: { path?: unknown } }).route?.path;
  if (typeof route !== 'string') return;
  span.setAttribute('http.route', route);
  span.updateName(`${request.method ?? 'HTTP'} ${route}`);
  span.setAttributes(journeyAttributes(journeyOfRequest(request)));
}
