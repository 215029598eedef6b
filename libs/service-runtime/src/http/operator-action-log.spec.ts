import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestScope, type ActionLogger } from './operator-action-log';

class RecordingActionLogger implements ActionLogger {
  readonly lines: Array<{ level: 'info' | 'debug'; fields: Record<string, unknown>; message: string }> = [];
  info(fields: object, message: string): void {
    this.lines.push({ level: 'info', fields: fields as Record<string, unknown>, message });
  }
  debug(fields: object, message: string): void {
    this.lines.push({ level: 'debug', fields: fields as Record<string, unknown>, message });
  }
}

describe('the operator action log', () => {
  const logger = new RecordingActionLogger();
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const scope = requestScope(logger);
    server = createServer((request, response) =>
      scope(request, response, () => {
        // The status the route under test answers, named by the path's last segment.
        response.statusCode = Number(request.url?.split('/').at(-1));
        response.setHeader('content-type', 'application/problem+json');
        response.end(response.statusCode >= 400 ? JSON.stringify({ code: 'wave.not-found' }) : '{}');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  async function lineFor(method: string, path: string) {
    logger.lines.length = 0;
    await (await fetch(`${url}${path}`, { method })).text();
    // `finish` fires once the response is handed to the socket, at the latest as the client reads it.
    await new Promise((resolve) => setImmediate(resolve));
    return logger.lines;
  }

  it('logs a change at info, with its outcome', async () => {
    const [line] = await lineFor('POST', '/operator/waves/202');
    expect(line).toMatchObject({
      level: 'info',
      message: 'operator action',
      fields: { method: 'POST', status: 202, outcome: 'succeeded' },
    });
  });

  it('logs a read that succeeded at debug only, so polling does not bury the actions', async () => {
    const [line] = await lineFor('GET', '/operator/waves/200');
    expect(line).toMatchObject({ level: 'debug', fields: { method: 'GET', outcome: 'succeeded' } });
  });

  it('logs a refused read at info, with the problem code', async () => {
    const [line] = await lineFor('GET', '/operator/waves/404');
    expect(line).toMatchObject({
      level: 'info',
      fields: { outcome: 'refused', status: 404, problemCode: 'wave.not-found' },
    });
  });

  it('logs nothing for a route that is not an operator route', async () => {
    expect(await lineFor('POST', '/reset/200')).toEqual([]);
  });
});
