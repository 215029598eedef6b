import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCustomerJourneyService, type CustomerJourneyService } from './customer-journey.fixture';

// Short here so that the test sees both sides of it; the default is 65 s.
const KEEP_ALIVE_MS = 1_500;

/** One HTTP/1.1 exchange on a socket the test holds, so it knows which connection answered. */
function get(socket: Socket, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const onData = (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      const length = /content-length: (\d+)/i.exec(answer);
      const end = answer.indexOf('\r\n\r\n');
      if (length && end >= 0 && answer.length >= end + 4 + Number(length[1])) {
        socket.off('data', onData);
        resolve(answer);
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
  });
}

describe('the HTTP server', () => {
  let journey: CustomerJourneyService;

  beforeAll(async () => {
    journey = await startCustomerJourneyService('keep_alive', {
      HTTP_KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_MS),
    });
  });

  afterAll(async () => {
    await journey?.stop();
  });

  it('keeps an idle connection open for HTTP_KEEP_ALIVE_TIMEOUT_MS, then closes it', async () => {
    const { port } = new URL(journey.url);
    const socket = connect(Number(port), '127.0.0.1');
    const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now())));
    try {
      expect(await get(socket, '/health/live')).toMatch(/^HTTP\/1\.1 200/);
      await sleep(KEEP_ALIVE_MS / 2);
      expect(socket.destroyed).toBe(false);
      expect(await get(socket, '/health/live')).toMatch(/^HTTP\/1\.1 200/);
      const lastAnswer = performance.now();

      const closedAfter = (await closed) - lastAnswer;
      expect(closedAfter).toBeGreaterThanOrEqual(KEEP_ALIVE_MS - 100);
      expect(closedAfter).toBeLessThan(KEEP_ALIVE_MS + 3_000);
    } finally {
      socket.destroy();
    }
  }, 30_000);

  it('does not say what it is built with', async () => {
    const response = await fetch(`${journey.url}/health/live`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
