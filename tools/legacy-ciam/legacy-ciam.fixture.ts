import { request } from 'node:http';
import { startLegacyCiam, type LegacyCiam, type LegacyCiamOptions } from './legacy-ciam-server';
import { DEFAULT_BEARER_TOKEN } from './legacy-auth';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body, or undefined when it was not JSON; untyped, as specs read what came back. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each spec asserts the shape it expects
  json: any;
}

export interface CallOptions {
  key?: string;
  authorization?: string | null;
  body?: unknown;
  timeoutMs?: number;
}

/** A simulator on a free port, with accounts `a-1`… seeded, for one spec file. */
export async function aSimulator(
  ids: string[] = ['a-1', 'a-2'],
  options: LegacyCiamOptions = {},
): Promise<LegacyCiam> {
  const simulator = await startLegacyCiam({ port: 0, ...options });
  simulator.state.store.addAccounts(ids);
  return simulator;
}

/**
 * One HTTP call on node:http (a fresh connection each time, so a reset or a late answer affects
 * only this call). `path` is relative to the simulator's origin.
 */
export function call(
  simulator: LegacyCiam,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const body =
    options.body === undefined ? (method === 'POST' ? '{}' : undefined) : JSON.stringify(options.body);
  const authorization =
    options.authorization === undefined ? `Bearer ${DEFAULT_BEARER_TOKEN}` : options.authorization;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${simulator.origin}${path}`,
      {
        method,
        agent: false,
        headers: {
          ...(authorization === null ? {} : { authorization }),
          ...(options.key === undefined ? {} : { 'idempotency-key': options.key }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        timeout: options.timeoutMs ?? 5_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timed out')));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

export const sessionsPath = (id: string) => `/legacy/accounts/${encodeURIComponent(id)}/sessions`;
