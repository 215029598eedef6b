import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loopbackAddressOf, redeemLink } from './customer-journey';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

function recordingServer(answer: (seen: Seen, response: ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(entry);
      answer(entry, response);
    });
  });
  return { server, seen };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('redeemLink', () => {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((server) => (server.closeAllConnections(), server.close())));

  /** A reset-issuance whose redemption answers `redeem`, and an enrollment on localhost. */
  async function services(
    redeem: (enrollmentPort: number) => { status: number; headers: Record<string, string> },
  ) {
    const enrollment = recordingServer(({ url }, response) => {
      if (url === '/enroll/session')
        response.writeHead(303, { location: '/enroll/methods', 'set-cookie': 'enrol=s; HttpOnly' });
      else response.writeHead(200, { 'content-type': 'text/html' });
      response.end();
    });
    servers.push(enrollment.server);
    const enrollmentPort = await listen(enrollment.server);
    const reset = recordingServer(({ method }, response) => {
      if (method === 'GET') response.writeHead(200).end('<form>');
      else {
        const { status, headers } = redeem(enrollmentPort);
        response.writeHead(status, headers).end();
      }
    });
    servers.push(reset.server);
    const link = new URL(`http://127.0.0.1:${await listen(reset.server)}/reset#t=${'T'.repeat(43)}`);
    return { link, reset: reset.seen, enrollment: enrollment.seen };
  }

  it('opens the page, spends the link from its origin, and posts the grant to enrollment from its own', async () => {
    const { link, reset, enrollment } = await services((port) => ({
      status: 303,
      headers: { location: `http://localhost:${port}/enroll#grant=the.grant.jwt` },
    }));
    const redemption = await redeemLink(link, { clientAddress: '10.1.2.3' });

    expect(redemption).toMatchObject({ kind: 'enrolment', landedOn: '/enroll/methods' });
    expect(reset.map(({ method, url }) => `${method} ${url}`)).toEqual(['GET /reset', 'POST /reset/redeem']);
    expect(reset[1]).toMatchObject({
      body: `token=${'T'.repeat(43)}`,
      headers: { origin: link.origin, 'x-forwarded-for': '10.1.2.3' },
    });
    expect(enrollment.map(({ method, url }) => `${method} ${url}`)).toEqual([
      'GET /enroll',
      'POST /enroll/session',
    ]);
    expect(enrollment[1]).toMatchObject({
      body: 'grant=the.grant.jwt',
      headers: { origin: `http://localhost:${enrollment[1]!.headers.host!.split(':')[1]}` },
    });
  });

  it('waits as told when rate limited, tries again, and gives up after three tries', async () => {
    const { link, reset } = await services(() => ({ status: 429, headers: { 'retry-after': '0' } }));
    await expect(redeemLink(link, { clientAddress: '10.1.2.3' })).resolves.toEqual({ kind: 'rate_limited' });
    expect(reset.filter(({ method }) => method === 'POST')).toHaveLength(3);
  });

  it('stops at step-up, and at a link the service no longer takes', async () => {
    const stepUp = await services(() => ({ status: 303, headers: { location: '/reset/step-up' } }));
    await expect(redeemLink(stepUp.link, { clientAddress: '10.1.2.3' })).resolves.toEqual({
      kind: 'step_up',
    });
    const spent = await services(() => ({ status: 200, headers: {} }));
    await expect(redeemLink(spent.link, { clientAddress: '10.1.2.3' })).resolves.toEqual({
      kind: 'link_unusable',
    });
    expect(spent.enrollment).toEqual([]);
  });

  it('refuses a link to anywhere but loopback before sending anything', async () => {
    await expect(
      redeemLink(new URL(`https://reset.example.com/reset#t=${'T'.repeat(43)}`), {
        clientAddress: '10.1.2.3',
      }),
    ).rejects.toThrow("the demo's customers only visit loopback addresses, not reset.example.com");
  });
});

describe('loopbackAddressOf', () => {
  it('sends requests for localhost pages to 127.0.0.1 on the same port, without the fragment', () => {
    expect(loopbackAddressOf(new URL('http://localhost:3103/enroll#grant=x')).toString()).toBe(
      'http://127.0.0.1:3103/enroll',
    );
  });
});
