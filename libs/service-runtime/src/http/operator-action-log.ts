import type { IncomingMessage, ServerResponse } from 'node:http';
import { context } from '@opentelemetry/api';
import { journeyOfRequest, openJourneyScope, tagJourney } from '@rekey/observability';
import { actorOf, type OperatorActor } from '@rekey/operator-auth';

export interface ActionLogger {
  info(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

type Request = IncomingMessage & {
  originalUrl?: string;
  route?: { path?: unknown };
  params?: unknown;
  body?: unknown;
};

const OPERATOR_PATH = /^\/operator(\/|$)/;
const PROBLEM_TYPE = /^application\/problem\+json/i;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Express middleware, registered before Nest's routes. Every request runs in a journey scope, so
 * what a handler tags (tagJourney) reaches the request's span and its later log lines; an operator
 * route also logs one line as its response finishes: route, status, the problem's code when it
 * failed, and who acted with which scopes (never the token). Changes and every refusal or failure
 * are `info`; a read that succeeded is `debug`, so a dashboard polling progress twice a second
 * does not bury the actions. A listener on `finish` costs a request nothing that a Nest
 * interceptor's RxJS pipeline would.
 */
export function requestScope(logger: ActionLogger) {
  return (request: Request, response: ServerResponse, next: () => void): void => {
    const scope = openJourneyScope(context.active());
    if (OPERATOR_PATH.test(request.url ?? '')) logWhenFinished(request, response, logger, scope);
    context.with(scope, next);
  };
}

function logWhenFinished(
  request: Request,
  response: ServerResponse,
  logger: ActionLogger,
  scope: ReturnType<typeof context.active>,
): void {
  const problemCode = captureProblemCode(response);
  const started = performance.now();
  response.once('finish', () =>
    context.with(scope, () => {
      tagJourney(journeyOfRequest(request));
      const actor = actorIfAuthenticated(request);
      const route = typeof request.route?.path === 'string' ? request.route.path : undefined;
      const succeededRead = READS.has(request.method ?? '') && response.statusCode < 400;
      (succeededRead ? logger.debug.bind(logger) : logger.info.bind(logger))(
        {
          method: request.method,
          route: route ?? (request.originalUrl ?? request.url ?? '/').split('?')[0],
          status: response.statusCode,
          outcome: outcomeOf(response.statusCode),
          ...(problemCode.value ? { problemCode: problemCode.value } : {}),
          ...(actor ? { actor: actor.subject, scopes: actor.scopes } : {}),
          durationMs: Math.round(performance.now() - started),
        },
        'operator action',
      );
    }),
  );
}

function outcomeOf(status: number): 'succeeded' | 'refused' | 'failed' {
  return status < 400 ? 'succeeded' : status < 500 ? 'refused' : 'failed';
}

function actorIfAuthenticated(request: object): OperatorActor | undefined {
  try {
    return actorOf(request);
  } catch {
    return undefined; // refused before the guard knew who asked
  }
}

/**
 * The problem+json filter writes its document with one `end(body)`; reading the code there keeps
 * the filter unaware of logging. Only error answers are looked at, and only on operator routes.
 */
function captureProblemCode(response: ServerResponse): { value?: string } {
  const captured: { value?: string } = {};
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  response.end = ((...args: unknown[]) => {
    const [chunk] = args;
    if (
      response.statusCode >= 400 &&
      PROBLEM_TYPE.test(String(response.getHeader('content-type') ?? '')) &&
      (typeof chunk === 'string' || Buffer.isBuffer(chunk))
    ) {
      try {
        const code = (JSON.parse(chunk.toString()) as { code?: unknown }).code;
        if (typeof code === 'string') captured.value = code;
      } catch {
        // not ours to judge: the line goes out without a code
      }
    }
    return end(...args);
  }) as ServerResponse['end'];
  return captured;
}
