/**
 * What downstream applications ask session-revocation: "is this legacy account migrated?", in
 * batches of `batchSize` ids per call (POST /api/revocation-checks) and one by one (GET
 * /api/legacy-accounts/{id}/migration), closed loop with `concurrency` calls in flight for
 * `seconds`, over keep-alive sockets as an application's HTTP client keeps them.
 */
import { request, type Agent } from 'node:http';

export interface ChecksLoadOptions {
  url: string;
  token: string;
  agent: Agent;
  accounts: string[];
  concurrency: number;
  seconds: number;
}

export interface ChecksLoadResult {
  checksPerSecond: number;
  callsPerSecond: number;
  callMs: number[];
  errors: number;
}

export async function runBatchChecks(
  options: ChecksLoadOptions & { batchSize: number },
): Promise<ChecksLoadResult> {
  let next = 0;
  const batch = () => {
    const ids: string[] = [];
    for (let index = 0; index < options.batchSize; index++)
      ids.push(options.accounts[next++ % options.accounts.length]!);
    return JSON.stringify({ legacyAccountIds: ids });
  };
  return closedLoop(options, options.batchSize, () => ({
    method: 'POST',
    path: '/api/revocation-checks',
    body: batch(),
  }));
}

export function runSingleChecks(options: ChecksLoadOptions): Promise<ChecksLoadResult> {
  let next = 0;
  return closedLoop(options, 1, () => ({
    method: 'GET',
    path: `/api/legacy-accounts/${encodeURIComponent(options.accounts[next++ % options.accounts.length]!)}/migration`,
  }));
}

async function closedLoop(
  options: ChecksLoadOptions,
  checksPerCall: number,
  call: () => { method: 'GET' | 'POST'; path: string; body?: string },
): Promise<ChecksLoadResult> {
  const target = new URL(options.url);
  const callMs: number[] = [];
  let errors = 0;
  const until = performance.now() + options.seconds * 1000;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < until) {
      const at = performance.now();
      const status = await send(options.agent, target, options.token, call()).catch(() => 0);
      if (status === 200) callMs.push(performance.now() - at);
      else errors += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return {
    checksPerSecond: (callMs.length * checksPerCall) / elapsed,
    callsPerSecond: callMs.length / elapsed,
    callMs,
    errors,
  };
}

function send(
  agent: Agent,
  target: URL,
  token: string,
  call: { method: 'GET' | 'POST'; path: string; body?: string },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: call.path,
        method: call.method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(call.body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(call.body)) }),
        },
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
    outgoing.end(call.body);
  });
}
