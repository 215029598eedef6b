import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LegacyAccounts, type FakeAction } from '../testing/legacy-accounts.fake';

export type LegacyFault =
  | { mode: 'none' }
  | { mode: 'down' }
  /** `mutatingOnly`: only the POST calls are late, so a listing before a revoke still answers. */
  | { mode: 'slow'; delayMs: number; mutatingOnly?: boolean }
  | { mode: 'fail' }
  | { mode: 'rate-limit'; retryAfterSeconds: number }
  | { mode: 'garbage' };

const actions: Record<string, FakeAction> = {
  'sessions/revoke': 'revoke',
  'sessions/suspend': 'suspend',
  'sessions/resume': 'resume',
  'login/retire': 'retire',
};

/**
 * The legacy HTTP API in the test's own process (node:http on a free port), over LegacyAccounts,
 * with the fault switches the simulator has: down (connection reset), slow, 503, 429 with
 * Retry-After, garbage. Faults apply to every legacy-API call while set.
 */
export class LegacyApiFakeServer {
  readonly accounts = new LegacyAccounts();
  fault: LegacyFault = { mode: 'none' };
  calls = 0;
  private readonly server: Server;

  private constructor(readonly token: string) {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  static async start(token = 'legacy-test-token'): Promise<LegacyApiFakeServer> {
    const fake = new LegacyApiFakeServer(token);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/legacy`;
  }

  /** The highest count of effects any idempotency key had: 1 means nothing was done twice. */
  maxEffectsPerKey(): number {
    return Math.max(0, ...[...this.accounts.byKey().values()].map((record) => record.effects));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for await (const _chunk of request) void _chunk;
    this.calls += 1;
    const fault = this.fault;
    if (fault.mode === 'slow' && (!fault.mutatingOnly || request.method === 'POST')) {
      // The effect is applied at once and only the answer is late: a client that times out has
      // had its effect, and must not have it twice when it retries.
      const send = response.end.bind(response);
      response.end = ((...args: Parameters<typeof response.end>) => {
        setTimeout(() => send(...args), fault.delayMs);
        return response;
      }) as typeof response.end;
      return this.answer(request, response);
    }
    if (fault.mode === 'down') return void request.socket.destroy();
    this.answer(request, response, fault);
  }

  private answer(
    request: IncomingMessage,
    response: ServerResponse,
    fault: LegacyFault = { mode: 'none' },
  ): void {
    if (fault.mode === 'fail') return send(response, 503, { error: 'unavailable' });
    if (fault.mode === 'rate-limit') {
      response.setHeader('retry-after', String(fault.retryAfterSeconds));
      return send(response, 429, { error: 'rate limited' });
    }
    if (fault.mode === 'garbage') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end('<html>oops');
    }
    if (request.headers.authorization !== `Bearer ${this.token}`) {
      return send(response, 401, { error: 'unauthorized' });
    }
    const match = /^\/legacy\/accounts\/([^/]+)\/(sessions|sessions\/\w+|login\/retire)$/.exec(
      request.url ?? '',
    );
    if (!match) return send(response, 404, { error: 'not found' });
    const legacyAccountId = decodeURIComponent(match[1]!);
    const path = match[2]!;
    if (request.method === 'GET' && path === 'sessions') {
      const answer = this.accounts.list(legacyAccountId);
      return send(response, answer.status, answer.body);
    }
    const action = actions[path];
    if (request.method !== 'POST' || !action) return send(response, 405, { error: 'method not allowed' });
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0 || key.length > 200) {
      return send(response, 400, { error: 'idempotency key required' });
    }
    const answer = this.accounts.apply(action, legacyAccountId, key);
    if (answer.replayed) response.setHeader('idempotent-replayed', 'true');
    send(response, answer.status, answer.body);
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
