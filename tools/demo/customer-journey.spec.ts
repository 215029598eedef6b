import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SmsFileNotifier } from '@rekey/notifications';
import { ContactBook, CustomerInbox } from './customer-inbox';
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
    redeem: (enrollmentPort: number, url: string) => { status: number; headers: Record<string, string> },
  ) {
    const enrollment = recordingServer(({ url }, response) => {
      if (url === '/enroll/session')
        response.writeHead(303, { location: '/enroll/methods', 'set-cookie': 'enrol=s; HttpOnly' });
      else response.writeHead(200, { 'content-type': 'text/html' });
      response.end();
    });
    servers.push(enrollment.server);
    const enrollmentPort = await listen(enrollment.server);
    const reset = recordingServer(({ method, url }, response) => {
      if (method === 'GET') response.writeHead(200).end('<form>');
      else {
        const { status, headers } = redeem(enrollmentPort, url);
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
      reason: 'no inbox',
    });
    const spent = await services(() => ({ status: 200, headers: {} }));
    await expect(redeemLink(spent.link, { clientAddress: '10.1.2.3' })).resolves.toEqual({
      kind: 'link_unusable',
    });
    expect(spent.enrollment).toEqual([]);
  });

  it("types the step-up code sent to the customer's other channel, with the step-up cookie, then enrols", async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'rekey-demo-step-up-'));
    try {
      const { link, reset } = await services((port, url) => ({
        status: 303,
        headers: (url === '/reset/redeem'
          ? { location: '/reset/step-up', 'set-cookie': 'step=up1; HttpOnly' }
          : { location: `http://localhost:${port}/enroll#grant=the.grant.jwt` }) as Record<string, string>,
      }));
      // Sent to the phone (the customer's link came by email), as if just after the redemption.
      const sent = 'step-up-0195f000-0000-7000-8000-000000000001';
      await new SmsFileNotifier(folder).send({
        id: sent,
        channel: 'sms',
        recipient: '+447700900123',
        subject: 'Your verification code',
        text: 'Your verification code is 246810.',
      });
      const later = new Date(Date.now() + 60_000);
      await utimes(path.join(folder, `${sent}.txt`), later, later);
      const contacts = new ContactBook([
        {
          side: 'legacy',
          id: 'L-1',
          emails: [{ value: 'Ada@Example.com', verified: true }],
          phones: [{ value: '07700 900123', verified: true }],
          roles: ['admin'],
          partnerLinked: false,
          socialProviders: [],
          mfaMethods: [],
          socialOnly: false,
        },
      ]);
      const inbox = new CustomerInbox(folder, contacts.contactsOf('ada@example.com'));
      const redemption = await redeemLink(link, { clientAddress: '10.1.2.3', inbox });

      expect(redemption).toMatchObject({ kind: 'enrolment', landedOn: '/enroll/methods', steppedUp: true });
      expect(reset.map(({ method, url }) => `${method} ${url}`)).toEqual([
        'GET /reset',
        'POST /reset/redeem',
        'GET /reset/step-up',
        'POST /reset/step-up',
      ]);
      expect(reset[3]).toMatchObject({
        body: 'code=246810',
        headers: { cookie: 'step=up1', origin: link.origin },
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("never reads another customer's code", async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'rekey-demo-step-up-'));
    try {
      await new SmsFileNotifier(folder).send({
        id: 'step-up-0195f000-0000-7000-8000-000000000002',
        channel: 'sms',
        recipient: '+447700900999',
        subject: 'Your verification code',
        text: 'Your verification code is 135790.',
      });
      const inbox = new CustomerInbox(folder, new ContactBook([]).contactsOf('+447700900123'));
      await expect(inbox.stepUpCodeSince(0, 300)).resolves.toBeUndefined();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
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
