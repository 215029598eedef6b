import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Controller, Get, Post, UseGuards, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { exportJWK, generateKeyPair, generateSecret, SignJWT, type CryptoKey, type JWK } from 'jose';
// Tests check the answers operators actually get, which the problem-details filter writes.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ProblemDetailsFilter } from '@rekey/problem-details';
import { Actor, CustomerFacing, Public, RequireScopes } from './operator-auth.decorators';
import { OperatorAuthGuard } from './operator-auth.guard';
import { OperatorAuthModule } from './operator-auth.module';
import type { OperatorAuthConfig } from './operator-auth.config';
import type { OperatorActor } from './operator-actor';

const issuer = 'https://login.example.test/';
const audience = 'rekey-operator-api';

@Controller('waves')
class WavesController {
  @Post()
  @RequireScopes('waves:write')
  launch(@Actor() actor: OperatorActor): { launchedBy: OperatorActor } {
    return { launchedBy: actor };
  }
}

@Controller('holds')
@UseGuards(OperatorAuthGuard)
class HoldsController {
  // No @RequireScopes: behind the guard, this must stay unreachable.
  @Get()
  list(): string[] {
    return ['hold-1'];
  }
}

@Controller('dead-letters')
@RequireScopes('audit:read')
class DeadLettersController {
  @Get()
  list(@Actor() actor: OperatorActor): { readBy: string } {
    return { readBy: actor.subject };
  }

  @Post('replay')
  @RequireScopes('dlq:replay')
  replay(): { replayed: true } {
    return { replayed: true };
  }
}

@Controller('reset')
class ResetController {
  @Post('redeem')
  @CustomerFacing()
  redeem(): { redeemed: true } {
    return { redeemed: true };
  }
}

// What a new controller looks like when its author forgets every mark.
@Controller('exports')
class ForgottenController {
  @Get()
  list(): string[] {
    return ['export-1'];
  }
}

@Controller('health')
@Public()
class ProbeController {
  @Get()
  live(): { status: 'up' } {
    return { status: 'up' };
  }
}

interface SigningKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA');
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' } };
}

interface TokenOptions {
  key?: SigningKey;
  audience?: string;
  issuer?: string;
  expiresAt?: number;
  claims?: Record<string, unknown>;
}

/** Serves a JWKS over loopback HTTP, as an identity provider's jwks_uri would. */
async function serveJwks(jwks: { keys: JWK[] }): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/.well-known/jwks.json`, server };
}

const problemContentType = /^application\/problem\+json(;|$)/;

describe.each([
  ['a remote JWKS, as from any OIDC provider', 'remote'],
  ['a local JWKS file, as in development', 'file'],
] as const)('OperatorAuthGuard trusting %s', (_label, keySource) => {
  let trusted: SigningKey;
  let stranger: SigningKey;
  let app: INestApplication;
  let baseUrl: string;
  let jwksServer: Server | undefined;
  let keysDir: string | undefined;

  beforeAll(async () => {
    trusted = await signingKey('operator-key-1');
    // Same kid as the trusted key: an attacker's key presented under a trusted name.
    stranger = await signingKey('operator-key-1');
    const jwks = { keys: [trusted.publicJwk] };
    let config: OperatorAuthConfig;
    if (keySource === 'remote') {
      const served = await serveJwks(jwks);
      jwksServer = served.server;
      config = { jwksUrl: served.url, issuer, audience };
    } else {
      keysDir = await mkdtemp(path.join(tmpdir(), 'operator-auth-'));
      const jwksPath = path.join(keysDir, 'jwks.json');
      await writeFile(jwksPath, JSON.stringify(jwks));
      config = { jwksPath, issuer, audience };
    }

    const testingModule = await Test.createTestingModule({
      imports: [OperatorAuthModule.forRoot(config)],
      controllers: [
        WavesController,
        HoldsController,
        DeadLettersController,
        ResetController,
        ForgottenController,
        ProbeController,
      ],
    }).compile();
    app = testingModule.createNestApplication({ logger: false });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => (jwksServer ? jwksServer.close(resolve) : resolve(undefined)));
    if (keysDir) await rm(keysDir, { recursive: true, force: true });
  });

  async function token(options: TokenOptions = {}): Promise<string> {
    const key = options.key ?? trusted;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ scope: 'waves:write waves:read', ...options.claims })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.publicJwk.kid as string })
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? audience)
      .setSubject('alice@example.com')
      .setJti('token-42')
      .setIssuedAt(now - 60)
      .setExpirationTime(options.expiresAt ?? now + 300)
      .sign(key.privateKey);
  }

  async function call(method: string, route: string, bearer?: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${baseUrl}${route}`, {
      method,
      headers: bearer === undefined ? headers : { ...headers, authorization: `Bearer ${bearer}` },
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: JSON.parse(text) as Record<string, unknown>,
    };
  }

  function expectProblem(answer: { headers: Headers }): void {
    expect(answer.headers.get('content-type')).toMatch(problemContentType);
  }

  it('refuses a request without a token with 401 and a bare Bearer challenge', async () => {
    const answer = await call('POST', '/waves');

    expect(answer.status).toBe(401);
    expectProblem(answer);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.body).toMatchObject({
      status: 401,
      code: 'operator-auth.token-missing',
      instance: '/waves',
    });
  });

  it.each<[string, () => Promise<TokenOptions>]>([
    ['that has expired', async () => ({ expiresAt: Math.floor(Date.now() / 1000) - 120 })],
    ['signed by another key', async () => ({ key: stranger })],
    ['issued for another audience', async () => ({ audience: 'some-other-api' })],
    ['issued by another issuer', async () => ({ issuer: 'https://evil.example.test/' })],
  ])('refuses a token %s with 401 invalid_token', async (_case, options) => {
    const presented = await token(await options());
    const answer = await call('POST', '/waves', presented);

    expect(answer.status).toBe(401);
    expectProblem(answer);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(answer.body).toMatchObject({
      type: 'https://rekey.dev/problems/operator-auth.token-invalid',
      status: 401,
      code: 'operator-auth.token-invalid',
    });
    expect(answer.text).not.toContain(presented);
  });

  it('refuses a token signed with a shared secret, whatever its claims', async () => {
    const secret = await generateSecret('HS256');
    const presented = await new SignJWT({ scope: 'waves:write' })
      .setProtectedHeader({ alg: 'HS256', kid: 'operator-key-1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('mallory@example.com')
      .setExpirationTime('5m')
      .sign(secret);

    const answer = await call('POST', '/waves', presented);

    expect(answer.status).toBe(401);
    expect(answer.body['code']).toBe('operator-auth.token-invalid');
  });

  it('refuses a malformed bearer token with 401 invalid_token', async () => {
    const answer = await call('POST', '/waves', 'not a token');

    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('refuses a valid token without the route scope with 403 insufficient_scope', async () => {
    const answer = await call('POST', '/waves', await token({ claims: { scope: 'waves:read holds:write' } }));

    expect(answer.status).toBe(403);
    expectProblem(answer);
    expect(answer.headers.get('www-authenticate')).toBe(
      'Bearer error="insufficient_scope", scope="waves:write"',
    );
    expect(answer.body).toMatchObject({
      status: 403,
      code: 'operator-auth.insufficient-scope',
      detail: 'This route needs the scope waves:write.',
    });
  });

  it('lets a token with the route scope through and hands the handler its actor', async () => {
    const answer = await call('POST', '/waves', await token());

    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      launchedBy: {
        subject: 'alice@example.com',
        scopes: ['waves:write', 'waves:read'],
        tokenId: 'token-42',
      },
    });
  });

  it('reads scopes from an scp array as some providers write them', async () => {
    const answer = await call(
      'POST',
      '/waves',
      await token({ claims: { scope: undefined, scp: ['waves:write'] } }),
    );

    expect(answer.status).toBe(201);
    expect(answer.body['launchedBy']).toMatchObject({ scopes: ['waves:write'] });
  });

  it("applies a controller's scopes to its routes, unless a route declares its own", async () => {
    const auditor = await token({ claims: { scope: 'audit:read' } });
    const replayer = await token({ claims: { scope: 'dlq:replay' } });

    expect((await call('GET', '/dead-letters', auditor)).body).toEqual({ readBy: 'alice@example.com' });
    expect((await call('GET', '/dead-letters', replayer)).status).toBe(403);
    expect((await call('POST', '/dead-letters/replay', replayer)).status).toBe(201);
    expect((await call('POST', '/dead-letters/replay', auditor)).status).toBe(403);
  });

  it('refuses every request to a guarded route that declares no scope, even with a valid token', async () => {
    const answer = await call('GET', '/holds', await token({ claims: { scope: 'waves:write holds:write' } }));

    expect(answer.status).toBe(403);
    expectProblem(answer);
    expect(answer.body['code']).toBe('operator-auth.route-without-scope');
  });

  it('refuses a route of a controller that declares no access, to a caller without a token, with 401', async () => {
    const answer = await call('GET', '/exports');

    expect(answer.status).toBe(401);
    expectProblem(answer);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.body).toMatchObject({
      status: 401,
      code: 'operator-auth.token-missing',
      instance: '/exports',
    });
  });

  it('refuses a route of a controller that declares no access, even to a valid token, with 403', async () => {
    const answer = await call(
      'GET',
      '/exports',
      await token({ claims: { scope: 'waves:write audit:read' } }),
    );

    expect(answer.status).toBe(403);
    expectProblem(answer);
    expect(answer.body).toMatchObject({ status: 403, code: 'operator-auth.route-without-scope' });
  });

  it.each<[string, (presented: string) => { path: string; headers: Record<string, string> }]>([
    ['in the query string', (presented) => ({ path: `/waves?access_token=${presented}`, headers: {} })],
    ['in a cookie', (presented) => ({ path: '/waves', headers: { cookie: `access_token=${presented}` } })],
    [
      'under the Basic scheme',
      (presented) => ({ path: '/waves', headers: { authorization: `Basic ${presented}` } }),
    ],
  ])('accepts an operator token only as a bearer header, not %s', async (_case, placed) => {
    const { path: route, headers } = placed(await token());

    const answer = await call('POST', route, undefined, headers);

    expect(answer.status).toBe(401);
    expectProblem(answer);
    expect(answer.body['code']).toBe('operator-auth.token-missing');
  });

  it('serves a public route to anyone, reading no credential', async () => {
    expect((await call('GET', '/health')).body).toEqual({ status: 'up' });
    expect((await call('GET', '/health', 'not a token')).status).toBe(200);
  });

  it('refuses an operator token on a customer-facing route', async () => {
    const presented = await token();
    const answer = await call('POST', '/reset/redeem', presented);

    expect(answer.status).toBe(400);
    expectProblem(answer);
    expect(answer.body).toMatchObject({ code: 'operator-auth.operator-token-on-customer-route' });
    expect(answer.text).not.toContain(presented);
  });

  it('refuses an operator token on a customer-facing route even when it has expired', async () => {
    const answer = await call(
      'POST',
      '/reset/redeem',
      await token({ expiresAt: Math.floor(Date.now() / 1000) - 3600 }),
    );

    expect(answer.status).toBe(400);
  });

  it('serves a customer-facing route to a request without an operator token', async () => {
    const answer = await call('POST', '/reset/redeem');

    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ redeemed: true });
  });
});

describe('OperatorAuthGuard when the identity provider cannot serve its keys', () => {
  let app: INestApplication;
  let baseUrl: string;
  let failingProvider: Server;

  beforeAll(async () => {
    failingProvider = createServer((_request, response) => response.writeHead(502).end());
    await new Promise<void>((resolve) => failingProvider.listen(0, '127.0.0.1', resolve));
    const { port } = failingProvider.address() as AddressInfo;
    const testingModule = await Test.createTestingModule({
      imports: [OperatorAuthModule.forRoot({ jwksUrl: `http://127.0.0.1:${port}/jwks`, issuer, audience })],
      controllers: [WavesController],
    }).compile();
    app = testingModule.createNestApplication({ logger: false });
    app.useGlobalFilters(new ProblemDetailsFilter({ logger: { error: () => undefined } }));
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => failingProvider.close(resolve));
  });

  it('answers 503, since the fault is ours and not the caller token', async () => {
    const { privateKey } = await generateKeyPair('EdDSA');
    const presented = await new SignJWT({ scope: 'waves:write' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'any' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('alice@example.com')
      .setExpirationTime('5m')
      .sign(privateKey);

    const response = await fetch(`${baseUrl}/waves`, {
      method: 'POST',
      headers: { authorization: `Bearer ${presented}` },
    });

    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(problemContentType);
    expect(await response.json()).toMatchObject({ status: 503, code: 'operator-auth.key-set-unavailable' });
  });
});
