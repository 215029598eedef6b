import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnrolmentClient, EnrolmentStepFailed } from './enrolment-client';
import { enrolPasskey, type PasskeyDevice } from './passkey-enrolment';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A stand-in for enrollment's routes that records what the client sent. */
function fakeEnrollment(proofStatus = 200) {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const json = (status: number, body: unknown, type = 'application/json') => {
        response.writeHead(status, { 'content-type': type });
        response.end(JSON.stringify(body));
      };
      switch (request.url) {
        case '/enroll/session':
          response.writeHead(303, { location: '/enroll/methods', 'set-cookie': 'enrol=s3ss10n; HttpOnly' });
          return response.end();
        case '/enroll/passkey':
          response.writeHead(200, { 'content-type': 'text/html' });
          return response.end('<main data-csrf="csrf-1">');
        case '/enroll/passkey/options':
          return json(200, { ceremony: 'registration', options: { challenge: 'c1' } });
        case '/enroll/passkey/registration':
          return json(200, { ceremony: 'authentication', options: { challenge: 'c2' } });
        case '/enroll/passkey/proof':
          return proofStatus === 200
            ? json(200, { location: '/enroll/done' })
            : json(proofStatus, { code: 'passkey.verification' }, 'application/problem+json');
        default:
          response.writeHead(404).end();
      }
    });
  });
  return { server, seen };
}

async function listening(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const device: PasskeyDevice = {
  createCredential: (options, origin) => ({ id: `made-for-${options.challenge}@${origin}` }) as never,
  getAssertion: (options, origin) => ({ id: `signed-${options.challenge}@${origin}` }) as never,
};

describe('EnrolmentClient and enrolPasskey', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => (server.closeAllConnections(), server.close())));

  async function start(proofStatus?: number) {
    const fake = fakeEnrollment(proofStatus);
    servers.push(fake.server);
    const url = await listening(fake.server);
    const client = new EnrolmentClient(
      { url, origin: 'http://localhost:3103' },
      { headers: { 'x-forwarded-for': '10.0.0.7' } },
    );
    return { client, seen: fake.seen };
  }

  it('exchanges the grant as a same-origin form post and keeps the session cookie', async () => {
    const { client, seen } = await start();
    const answer = await client.exchange('a.grant.jwt');
    await client.page('/enroll/methods');
    expect(answer.status).toBe(303);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      body: 'grant=a.grant.jwt',
      headers: {
        origin: 'http://localhost:3103',
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': '10.0.0.7',
      },
    });
    expect(seen[1]!.headers.cookie).toBe('enrol=s3ss10n');
  });

  it("runs registration then the proving sign-in with the page's CSRF token and the pages' origin", async () => {
    const { client, seen } = await start();
    await client.exchange('a.grant.jwt');
    await expect(enrolPasskey(client, device)).resolves.toBe('/enroll/done');
    const posts = seen.filter((request) => request.url.startsWith('/enroll/passkey/'));
    expect(
      posts.map((request) => [request.url, request.headers['x-csrf-token'], request.headers.cookie]),
    ).toEqual([
      ['/enroll/passkey/options', 'csrf-1', 'enrol=s3ss10n'],
      ['/enroll/passkey/registration', 'csrf-1', 'enrol=s3ss10n'],
      ['/enroll/passkey/proof', 'csrf-1', 'enrol=s3ss10n'],
    ]);
    expect(JSON.parse(posts[1]!.body)).toEqual({ id: 'made-for-c1@http://localhost:3103' });
    expect(JSON.parse(posts[2]!.body)).toEqual({ id: 'signed-c2@http://localhost:3103' });
  });

  it("names the refused step, its status and the problem's code", async () => {
    const { client } = await start(400);
    await client.exchange('a.grant.jwt');
    const refusal = await enrolPasskey(client, device).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(EnrolmentStepFailed);
    expect(refusal).toMatchObject({ step: 'proof', status: 400, code: 'passkey.verification' });
  });

  it('refuses to go on from a page that carries no CSRF token', async () => {
    const { client } = await start();
    await expect(client.readCsrfToken('/enroll/missing')).rejects.toMatchObject({
      step: 'csrf',
      status: 404,
    });
  });
});
