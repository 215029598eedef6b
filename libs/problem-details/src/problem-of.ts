import { STATUS_CODES } from 'node:http';
import { HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import type { FieldError, ProblemDocument } from './problem-document';
import { problemTypeOf, problemTypeUri } from './problem-types';
import { RekeyError } from './rekey-error';

/** What the filter answers for one exception, before the request adds `instance` and `traceId`. */
export interface ProblemAnswer {
  problem: Omit<ProblemDocument, 'instance' | 'traceId'>;
  retryAfterSeconds?: number;
  /** Set for faults of ours (5xx, unmapped codes): the stack belongs in the log. */
  logReason?: string;
}

export function problemOf(exception: unknown): ProblemAnswer {
  if (exception instanceof RekeyError) return fromRekeyError(exception);
  if (exception instanceof HttpException) return fromHttpException(exception);
  return internalError('unexpected error');
}

function fromRekeyError(error: RekeyError): ProblemAnswer {
  const type = problemTypeOf(error.code);
  if (!type) return internalError(`no problem type is registered for code "${error.code}"`);
  return {
    problem: withoutUndefined({
      type: problemTypeUri(error.code),
      title: type.title,
      status: type.status,
      detail: error.detail,
      code: error.code,
    }),
    ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    ...(type.status >= 500 ? { logReason: `${error.code} answered ${type.status}` } : {}),
  };
}

/**
 * Nest's exceptions, including those the Express adapter makes from body-parser and router
 * failures. A body such as `{ code, detail, errors }` (what our own libraries throw) gives the
 * problem its code and fields; otherwise the status alone describes it (`about:blank`).
 */
function fromHttpException(exception: HttpException): ProblemAnswer {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const body: Record<string, unknown> =
    typeof response === 'object' && response !== null ? { ...response } : {};
  const ownCode = typeof body['code'] === 'string' ? body['code'] : undefined;
  const title = typeof body['title'] === 'string' ? body['title'] : reasonPhrase(status);
  const problem = withoutUndefined({
    type: ownCode ? problemTypeUri(ownCode) : 'about:blank',
    title,
    status,
    detail: detailOf(exception, body),
    code: ownCode ?? genericCode(status),
    errors: fieldErrorsIn(body),
  });
  return status >= 500 ? { problem, logReason: `${exception.name} answered ${status}` } : { problem };
}

function internalError(logReason: string): ProblemAnswer {
  const status = HttpStatus.INTERNAL_SERVER_ERROR;
  return {
    problem: { type: 'about:blank', title: reasonPhrase(status), status, code: genericCode(status) },
    logReason,
  };
}

// Messages the framework writes repeat the request: the router's "Cannot GET /reset/<token>",
// body-parser's JSON errors quote the body. They are replaced, never echoed.
function isFrameworkError(exception: HttpException): boolean {
  const cause = exception.cause;
  if (cause instanceof SyntaxError || cause instanceof URIError) return true;
  if (typeof cause === 'object' && cause !== null && 'expose' in cause && 'statusCode' in cause) return true;
  return exception instanceof NotFoundException && /^Cannot [A-Z]+ /.test(exception.message);
}

const frameworkDetails: Partial<Record<number, string>> = {
  400: 'The request could not be read; a JSON body must be well-formed.',
  404: 'No route matches this method and path.',
  413: 'The request body is larger than this endpoint accepts.',
  415: 'The media type or character set of the request body is not supported.',
};

/** Server faults say nothing; framework errors get a fixed text; our own exceptions keep theirs. */
function detailOf(exception: HttpException, body: Record<string, unknown>): string | undefined {
  const status = exception.getStatus();
  if (status >= 500) return undefined;
  if (isFrameworkError(exception)) return frameworkDetails[status];
  const response = exception.getResponse();
  const text = typeof response === 'string' ? response : (body['detail'] ?? body['message']);
  // Nest fills `message` with the reason phrase when the thrower gave none: that says nothing new.
  return typeof text === 'string' && text !== reasonPhrase(status) ? text : undefined;
}

function fieldErrorsIn(body: Record<string, unknown>): FieldError[] | undefined {
  const errors = body['errors'];
  if (Array.isArray(errors) && errors.every(isFieldError)) {
    return errors.map(({ field, message }) => ({ field, message }));
  }
  // Nest's own ValidationPipe lists messages without fields.
  const message = body['message'];
  if (Array.isArray(message) && message.every((entry) => typeof entry === 'string')) {
    return message.map((entry: string) => ({ field: '', message: entry }));
  }
  return undefined;
}

function isFieldError(value: unknown): value is FieldError {
  if (typeof value !== 'object' || value === null) return false;
  const { field, message } = value as Record<string, unknown>;
  return typeof field === 'string' && typeof message === 'string';
}

function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/** `http.not-found`, `http.too-many-requests`: a code for answers that need no more than their status. */
function genericCode(status: number): string {
  const words = reasonPhrase(status)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `http.${words}`;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
