import 'reflect-metadata';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpException,
  MethodNotAllowedException,
  NotFoundException,
  PayloadTooLargeException,
  Post,
  Res,
  UnauthorizedException,
  UnsupportedMediaTypeException,
  type INestApplication,
  type LoggerService,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  context,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Context,
  type ContextManager,
} from '@opentelemetry/api';
import { z } from 'zod';
import { ProblemDetailsFilter } from './problem-details.filter';
import { registerProblemTypes } from './problem-types';
import { RekeyError } from './rekey-error';
import { parseBody } from './request-validation';

class WaveClosed extends RekeyError {
  constructor(waveId: string) {
    super('wave.closed', `wave ${waveId} is closed`, { detail: 'This wave no longer accepts changes.' });
  }
}

class RedemptionThrottled extends RekeyError {
  constructor() {
    super('redemption.throttled', 'too many redemptions from one subnet', { retryAfterSeconds: 42 });
  }
}

class NobodyMappedMe extends RekeyError {
  constructor() {
    super('example.unmapped', 'an error whose code no service registered');
  }
}

registerProblemTypes({
  'wave.closed': { status: 409, title: 'The wave is closed' },
  'redemption.throttled': { status: 429, title: 'Too many attempts' },
});

const CreateWave = z.strictObject({
  name: z.string().min(3),
  cohort: z.object({ segment: z.enum(['standard', 'privileged']) }),
  startsAt: z.iso.datetime(),
});

@Controller('examples')
class ExamplesController {
  @Get('wave-closed')
  waveClosed(): never {
    throw new WaveClosed('wave-7');
  }

  @Get('throttled-redemption')
  throttledRedemption(): never {
    throw new RedemptionThrottled();
  }

  @Get('unmapped')
  unmapped(): never {
    throw new NobodyMappedMe();
  }

  @Get('crash')
  crash(): never {
    throw new Error('connect ECONNREFUSED postgres://rekey:db-password-123@10.0.0.5/reset');
  }

  @Post('parsed-waves')
  parsedWave(@Body() body: unknown): { name: string } {
    return { name: parseBody(CreateWave, body).name };
  }

  @Post('echo')
  echo(@Body() body: unknown): unknown {
    return body;
  }

  @Get('unauthorized')
  unauthorized(@Res({ passthrough: true }) response: ServerResponse): never {
    response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
    throw new UnauthorizedException();
  }

  @Get('forbidden')
  forbidden(): never {
    throw new ForbiddenException('Only the security team may release holds.');
  }

  @Get('missing-wave')
  missingWave(): never {
    throw new NotFoundException();
  }

  @Get('method-not-allowed')
  methodNotAllowed(): never {
    throw new MethodNotAllowedException();
  }

  @Get('payload-too-large')
  payloadTooLarge(): never {
    throw new PayloadTooLargeException();
  }

  @Get('unsupported-media-type')
  unsupportedMediaType(): never {
    throw new UnsupportedMediaTypeException();
  }

  @Get('rate-limited')
  rateLimited(@Res({ passthrough: true }) response: ServerResponse): never {
    // What a throttler does: the header first, then the exception.
    response.setHeader('Retry-After', '30');
    throw new HttpException('Too many requests from this address.', 429);
  }
}

/** Keeps what the filter logged, to check that stacks go there and nowhere else. */
class RecordingLogger implements Pick<LoggerService, 'error'> {
  readonly entries: Array<{ message: string; stack: string | undefined }> = [];

  error(message: string, stack?: string): void {
    this.entries.push({ message, stack });
  }
}

/** The smallest context manager that carries a trace across the async hops of a request. */
class AsyncLocalContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    active: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.storage.run(active, () => fn.call(thisArg, ...args));
  }

  bind<T>(_active: Context, target: T): T {
    return target;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.storage.disable();
    return this;
  }
}

/** Continues the caller's W3C trace, as the HTTP instrumentation does in a service. */
function continueTraceparent(request: IncomingMessage, _response: ServerResponse, next: () => void): void {
  const [, traceId, spanId] = String(request.headers['traceparent'] ?? '').split('-');
  if (!traceId || !spanId) return next();
  const span = trace.wrapSpanContext({ traceId, spanId, traceFlags: TraceFlags.SAMPLED, isRemote: true });
  context.with(trace.setSpan(context.active(), span), next);
}

const problemContentType = /^application\/problem\+json(;|$)/;

describe('ProblemDetailsFilter', () => {
  const logger = new RecordingLogger();
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalContextManager());
    const testingModule = await Test.createTestingModule({ controllers: [ExamplesController] }).compile();
    app = testingModule.createNestApplication({ logger: false });
    app.use(continueTraceparent);
    app.useGlobalFilters(new ProblemDetailsFilter({ logger }));
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
    context.disable();
  });

  beforeEach(() => {
    logger.entries.length = 0;
  });

  async function problemAt(path: string, init: RequestInit = {}) {
    const response = await fetch(`${baseUrl}${path}`, init);
    const text = await response.text();
    expect(response.headers.get('content-type')).toMatch(problemContentType);
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: JSON.parse(text) as Record<string, unknown>,
    };
  }

  function postJson(body: string, contentType = 'application/json'): RequestInit {
    return { method: 'POST', headers: { 'content-type': contentType }, body };
  }

  describe('a RekeyError', () => {
    it('is answered with the status and title registered for its code, and its client-safe detail', async () => {
      const { status, body } = await problemAt('/examples/wave-closed');

      expect(status).toBe(409);
      expect(body).toEqual({
        type: 'https://rekey.dev/problems/wave.closed',
        title: 'The wave is closed',
        status: 409,
        detail: 'This wave no longer accepts changes.',
        instance: '/examples/wave-closed',
        code: 'wave.closed',
      });
    });

    it('never shows its log message, which may carry internal ids', async () => {
      const { text } = await problemAt('/examples/wave-closed');

      expect(text).not.toContain('wave-7');
    });

    it('tells the client when to retry when it knows', async () => {
      const { status, headers, body } = await problemAt('/examples/throttled-redemption');

      expect(status).toBe(429);
      expect(headers.get('retry-after')).toBe('42');
      expect(body).toMatchObject({ code: 'redemption.throttled', title: 'Too many attempts' });
    });

    it('whose code nobody registered is a plain 500, logged as our fault', async () => {
      const { status, body } = await problemAt('/examples/unmapped');

      expect(status).toBe(500);
      expect(body).toEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        instance: '/examples/unmapped',
        code: 'http.internal-server-error',
      });
      expect(logger.entries[0]?.message).toContain(
        'no problem type is registered for code "example.unmapped"',
      );
    });
  });

  describe('an unexpected error', () => {
    it('is a plain 500 that reveals nothing of the failure', async () => {
      const { status, body, text } = await problemAt('/examples/crash');

      expect(status).toBe(500);
      expect(body).toEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        instance: '/examples/crash',
        code: 'http.internal-server-error',
      });
      expect(text).not.toMatch(/ECONNREFUSED|db-password|at ExamplesController/);
    });

    it('leaves its stack in the log', async () => {
      await problemAt('/examples/crash');

      expect(logger.entries).toHaveLength(1);
      expect(logger.entries[0]?.message).toBe('GET /examples/crash: unexpected error');
      expect(logger.entries[0]?.stack).toContain('ExamplesController.crash');
    });
  });

  describe('an invalid request body', () => {
    const invalidWave = JSON.stringify({ name: 'W', cohort: { segment: 'everyone' }, extra: true });
    const expectedErrors = [
      { field: 'name', message: 'Too small: expected string to have >=3 characters' },
      { field: 'cohort.segment', message: 'Invalid option: expected one of "standard"|"privileged"' },
      { field: 'startsAt', message: 'Invalid input: expected string, received undefined' },
      { field: 'extra', message: 'Unrecognized field' },
    ];

    it('is a 400 listing every invalid field', async () => {
      const { status, body } = await problemAt('/examples/parsed-waves', postJson(invalidWave));

      expect(status).toBe(400);
      expect(body).toEqual({
        type: 'https://rekey.dev/problems/request.invalid',
        title: 'Bad Request',
        status: 400,
        detail: 'The request has invalid fields.',
        instance: '/examples/parsed-waves',
        code: 'request.invalid',
        errors: expect.arrayContaining(expectedErrors),
      });
      expect(body['errors']).toHaveLength(expectedErrors.length);
    });

    it('that is not even JSON is a 400 that does not quote the body back', async () => {
      const { status, body, text } = await problemAt(
        '/examples/echo',
        postJson('{"password": "hunter2-secret"'),
      );

      expect(status).toBe(400);
      expect(body).toMatchObject({ type: 'about:blank', title: 'Bad Request', code: 'http.bad-request' });
      expect(text).not.toContain('hunter2-secret');
    });

    it('that is too large is a 413', async () => {
      const { status, body } = await problemAt(
        '/examples/echo',
        postJson(JSON.stringify({ data: 'x'.repeat(200_000) })),
      );

      expect(status).toBe(413);
      expect(body).toMatchObject({ title: 'Payload Too Large', code: 'http.payload-too-large' });
    });

    it('in a character set we cannot read is a 415', async () => {
      const { status, body } = await problemAt(
        '/examples/echo',
        postJson('{}', 'application/json; charset=klingon'),
      );

      expect(status).toBe(415);
      expect(body).toMatchObject({ title: 'Unsupported Media Type', code: 'http.unsupported-media-type' });
    });
  });

  describe("Nest's HTTP exceptions", () => {
    it.each([
      ['/examples/unauthorized', 401, 'Unauthorized', 'http.unauthorized'],
      ['/examples/forbidden', 403, 'Forbidden', 'http.forbidden'],
      ['/examples/missing-wave', 404, 'Not Found', 'http.not-found'],
      ['/examples/method-not-allowed', 405, 'Method Not Allowed', 'http.method-not-allowed'],
      ['/examples/payload-too-large', 413, 'Payload Too Large', 'http.payload-too-large'],
      ['/examples/unsupported-media-type', 415, 'Unsupported Media Type', 'http.unsupported-media-type'],
      ['/examples/rate-limited', 429, 'Too Many Requests', 'http.too-many-requests'],
    ])('%s answers %i "%s" as about:blank with code %s', async (path, expectedStatus, title, code) => {
      const { status, body } = await problemAt(path);

      expect(status).toBe(expectedStatus);
      expect(body).toMatchObject({
        type: 'about:blank',
        title,
        status: expectedStatus,
        code,
        instance: path,
      });
    });

    it('keep the detail their thrower wrote', async () => {
      const { body } = await problemAt('/examples/forbidden');

      expect(body['detail']).toBe('Only the security team may release holds.');
    });

    it('keep the challenge a guard set before throwing a 401', async () => {
      const { headers } = await problemAt('/examples/unauthorized');

      expect(headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    });

    it('keep the Retry-After a rate limiter set before throwing a 429', async () => {
      const { headers, body } = await problemAt('/examples/rate-limited');

      expect(headers.get('retry-after')).toBe('30');
      expect(body['detail']).toBe('Too many requests from this address.');
    });
  });

  describe('a request for an unknown route', () => {
    it('is a 404 that repeats neither its query string nor the router message', async () => {
      const { status, body, text } = await problemAt('/reset-links/abc?token=query-secret-value');

      expect(status).toBe(404);
      expect(body).toEqual({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'No route matches this method and path.',
        instance: '/reset-links/abc',
        code: 'http.not-found',
      });
      expect(text).not.toContain('query-secret-value');
    });
  });

  describe('the trace id', () => {
    it('is the current trace, so a client can quote it to support', async () => {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const { body } = await problemAt('/examples/crash', {
        headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      });

      expect(body['traceId']).toBe(traceId);
    });

    it('is left out when the request is not traced', async () => {
      const { body } = await problemAt('/examples/wave-closed');

      expect(body).not.toHaveProperty('traceId');
    });
  });
});
