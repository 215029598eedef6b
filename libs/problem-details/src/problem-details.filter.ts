import type { IncomingMessage, ServerResponse } from 'node:http';
import { Catch, Logger, type ArgumentsHost, type ExceptionFilter, type LoggerService } from '@nestjs/common';
import { currentTraceId } from './current-trace-id';
import { PROBLEM_CONTENT_TYPE, type ProblemDocument } from './problem-document';
import { problemOf } from './problem-of';

export interface ProblemDetailsFilterOptions {
  /** Where faults of ours are logged with their stack; Nest's logger (pino in services) by default. */
  logger?: Pick<LoggerService, 'error'>;
}

type HttpRequest = IncomingMessage & { originalUrl?: string };

/**
 * Answers every error of an HTTP request with an RFC 9457 `application/problem+json` document:
 * RekeyErrors through the registry, Nest's exceptions by status, anything else as a bare 500
 * whose stack goes to the log only. Headers set before the throw (Retry-After,
 * WWW-Authenticate) are kept.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger: Pick<LoggerService, 'error'>;

  constructor(options: ProblemDetailsFilterOptions = {}) {
    this.logger = options.logger ?? new Logger(ProblemDetailsFilter.name);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<HttpRequest>();
    const response = host.switchToHttp().getResponse<ServerResponse>();
    // The query string may hold tokens or addresses: only the path identifies the occurrence.
    const instance = (request.originalUrl ?? request.url ?? '/').split('?')[0] ?? '/';
    const answer = problemOf(exception);

    if (answer.logReason) {
      const stack = exception instanceof Error ? exception.stack : String(exception);
      this.logger.error(`${request.method} ${instance}: ${answer.logReason}`, stack);
    }
    if (response.headersSent) {
      // Too late for a status: cut the connection so the client cannot mistake the partial body.
      response.destroy();
      return;
    }

    const traceId = currentTraceId();
    const problem: ProblemDocument = { ...answer.problem, instance, ...(traceId ? { traceId } : {}) };
    const body = JSON.stringify(problem);
    response.statusCode = problem.status;
    if (answer.retryAfterSeconds !== undefined) {
      response.setHeader('Retry-After', String(Math.max(0, Math.ceil(answer.retryAfterSeconds))));
    }
    response.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Content-Length', Buffer.byteLength(body));
    response.end(body);
  }
}
