import { request, type Agent } from 'node:http';

export interface LoadRequest<Kind extends string> {
  kind: Kind;
  body: string;
  /** Added to the shared headers, e.g. the client address a proxy forwards. */
  headers?: Record<string, string>;
}

export interface LoadResult<Kind extends string> {
  /** Milliseconds from each request's scheduled instant to its full answer, by kind. */
  latencies: Record<Kind, number[]>;
  statuses: Map<number, number>;
  errors: Map<string, number>;
  achievedPerSecond: number;
  /** The slowest answer among the requests due in each second of the run, in ms. */
  slowestBySecond: number[];
  /**
   * How late the sender itself put each second's latest request on the wire, in ms: when this is
   * as large as the slowest answer, the time was lost on this machine before the service saw the
   * request (the sender's own event loop, or the machine busy elsewhere), not in the service.
   */
  sendLagBySecond: number[];
  /** Every request's lateness at sending, in ms. */
  sendLags: number[];
}

export interface LoadOptions<Kind extends string> {
  url: string;
  path: string;
  headers: Record<string, string>;
  perSecond: number;
  requests: Array<LoadRequest<Kind>>;
  kinds: readonly Kind[];
  /**
   * Keep-alive sockets to the service, as a reverse proxy in front of it keeps them; the caller's,
   * so that they stay open from one run to the next.
   */
  agent: Agent;
}

/**
 * Sends requests on a fixed schedule whatever the answers do (open loop), and measures each from
 * the instant it was due, so that a stalled service shows in the figures instead of slowing the
 * sender down (no coordinated omission).
 */
export async function runOpenLoopLoad<Kind extends string>(
  options: LoadOptions<Kind>,
): Promise<LoadResult<Kind>> {
  const target = new URL(options.url);
  const { agent } = options;
  const latencies = Object.fromEntries(options.kinds.map((kind) => [kind, [] as number[]])) as Record<
    Kind,
    number[]
  >;
  const statuses = new Map<number, number>();
  const errors = new Map<string, number>();
  const pending: Array<Promise<void>> = [];
  const slowestBySecond: number[] = [];
  const sendLagBySecond: number[] = [];
  const sendLags: number[] = [];
  const started = performance.now();
  for (let index = 0; index < options.requests.length; index++) {
    const due = started + (index * 1000) / options.perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const { kind, body, headers } = options.requests[index] as LoadRequest<Kind>;
    const lag = Math.max(0, performance.now() - due);
    sendLags.push(lag);
    const dueSecond = Math.floor((due - started) / 1000);
    sendLagBySecond[dueSecond] = Math.max(sendLagBySecond[dueSecond] ?? 0, lag);
    pending.push(
      send(agent, target, options.path, { ...options.headers, ...headers }, body).then(
        (status) => {
          const latency = performance.now() - due;
          latencies[kind].push(latency);
          const second = Math.floor((due - started) / 1000);
          slowestBySecond[second] = Math.max(slowestBySecond[second] ?? 0, latency);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        },
        (error: unknown) => {
          const reason = (error as Error).message;
          errors.set(reason, (errors.get(reason) ?? 0) + 1);
        },
      ),
    );
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  return {
    latencies,
    statuses,
    errors,
    achievedPerSecond: options.requests.length / seconds,
    slowestBySecond: Array.from(slowestBySecond, (value) => value ?? 0),
    sendLagBySecond: Array.from(sendLagBySecond, (value) => value ?? 0),
    sendLags,
  };
}

function send(
  agent: Agent,
  target: URL,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path,
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        timeout: 30_000,
      },
      (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode ?? 0));
        response.once('error', reject);
      },
    );
    outgoing.once('timeout', () => outgoing.destroy(new Error('no answer within 30 s')));
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}
