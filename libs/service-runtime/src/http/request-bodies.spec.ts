import 'reflect-metadata';
import type { ServerResponse } from 'node:http';
import {
  Body,
  Catch,
  Controller,
  Post,
  UseFilters,
  type ArgumentsHost,
  type ExceptionFilter,
  type INestApplication,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { CustomerFacing, Public } from '@rekey/operator-auth';
import { ProblemDetailsFilter } from '@rekey/problem-details';
import { readRequestBodies, RequestBodyInterceptor } from './request-bodies';
import { UnreadableRequestBody } from './unreadable-request-body';

/** What a service's customer pages do: their own filter turns the refusal into a page. */
@Catch(UnreadableRequestBody)
class PageFilter implements ExceptionFilter {
  catch(error: UnreadableRequestBody, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<ServerResponse>()
      .writeHead(error.getStatus(), { 'content-type': 'text/html; charset=utf-8' })
      .end('<p>a page</p>');
  }
}

@Controller('pages')
@CustomerFacing()
@UseFilters(PageFilter)
class PagesController {
  @Post()
  submit(@Body() body: unknown): unknown {
    return { read: body };
  }
}

@Controller('api')
@Public()
class ApiController {
  @Post()
  submit(@Body() body: unknown): unknown {
    return { read: body ?? null };
  }
}

describe('request bodies', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const testingModule = await Test.createTestingModule({
      controllers: [PagesController, ApiController],
      providers: [{ provide: APP_INTERCEPTOR, useClass: RequestBodyInterceptor }],
    }).compile();
    const nest = testingModule.createNestApplication<NestExpressApplication>({
      logger: false,
      bodyParser: false,
      forceCloseConnections: true,
    });
    readRequestBodies(nest);
    nest.useGlobalFilters(new ProblemDetailsFilter());
    await nest.listen(0, '127.0.0.1');
    app = nest;
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
  });

  const post = (path: string, contentType: string, body: string) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('hands a body it failed to parse to the route that received it, whose filter answers', async () => {
    const malformed = await post('/pages', 'application/json', '{"token": "abc');
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toBe('<p>a page</p>');
    const tooLarge = await post('/pages', 'application/x-www-form-urlencoded', `a=${'b'.repeat(200_000)}`);
    expect(tooLarge.status).toBe(413);
  });

  it('refuses on a customer route a media type customer pages never send, and reads forms and JSON', async () => {
    expect((await post('/pages', 'text/plain', 'a=b')).status).toBe(415);
    expect(await (await post('/pages', 'application/x-www-form-urlencoded', 'a=b')).json()).toEqual({
      read: { a: 'b' },
    });
    expect(await (await post('/pages', 'application/json; charset=utf-8', '{"a":"b"}')).json()).toEqual({
      read: { a: 'b' },
    });
  });

  it('answers other routes problem+json as the parser failure always did, quoting nothing', async () => {
    const malformed = await post('/api', 'application/json', '{"secret": "value');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await malformed.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({
      type: 'about:blank',
      code: 'http.bad-request',
      detail: 'The request could not be read; a JSON body must be well-formed.',
    });
    expect(JSON.stringify(problem)).not.toContain('value');
    // Only customer routes take no other media type; an API route gets no body from it.
    expect(await (await post('/api', 'text/plain', 'a=b')).json()).toEqual({ read: null });
  });
});
