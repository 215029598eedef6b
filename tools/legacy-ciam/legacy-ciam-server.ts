/**
 * The legacy-CIAM simulator: a development tool standing in for a legacy customer-identity system
 * during local runs and tests. It speaks the legacy-system HTTP API session-revocation's adapter
 * uses, under a base path, plus its own `/_simulator` endpoints. It listens on 127.0.0.1 only and is
 * never deployed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccountStore } from './account-store';
import { BadBody, pathSegments, sendJson } from './http-io';
import { handleLegacyApi } from './legacy-api';
import { DEFAULT_BEARER_TOKEN, type LegacyAuth } from './legacy-auth';
import { DEFAULT_PASSWORD_SEED } from './legacy-passwords';
import { handleLogin, handleSimulatorApi } from './simulator-api';
import { SimulatorState } from './simulator-state';

export const DEFAULT_PORT = 3190;
export const DEFAULT_BASE_PATH = '/legacy';

export interface LegacyCiamOptions {
  /** 0 picks a free port (tests). */
  port?: number;
  basePath?: string;
  auth?: LegacyAuth;
  passwordSeed?: string;
  now?: () => Date;
}

export interface LegacyCiam {
  /** `http://127.0.0.1:<port>`: the simulator's own endpoints hang off it. */
  origin: string;
  /** The legacy API's base URL (session-revocation's LEGACY_API_URL). */
  apiUrl: string;
  port: number;
  state: SimulatorState;
  close(): Promise<void>;
}

export async function startLegacyCiam(options: LegacyCiamOptions = {}): Promise<LegacyCiam> {
  const basePath = normaliseBasePath(options.basePath ?? DEFAULT_BASE_PATH);
  const state = new SimulatorState(
    new AccountStore(options.passwordSeed ?? DEFAULT_PASSWORD_SEED, options.now),
    options.auth ?? { bearer: DEFAULT_BEARER_TOKEN },
  );
  const base = pathSegments(basePath) ?? [];
  const server = createServer((request, response) => {
    route(state, base, request, response).catch((error: unknown) => {
      if (response.headersSent || response.destroyed) return;
      if (error instanceof BadBody) sendJson(response, error.status, { error: error.message });
      else sendJson(response, 500, { error: 'simulator error' });
    });
  });
  // Tests and clients with keep-alive pools would hold close() open for the default 5 s.
  server.keepAliveTimeout = 1_000;
  await listen(server, options.port ?? DEFAULT_PORT);
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    apiUrl: `${origin}${basePath}`,
    port,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function route(
  state: SimulatorState,
  base: string[],
  request: IncomingMessage,
  response: ServerResponse,
) {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const segments = pathSegments(url.pathname);
  if (!segments) return sendJson(response, 400, { error: 'malformed path' });
  if (segments[0] === '_simulator')
    return handleSimulatorApi(state, request, response, segments.slice(1), url.searchParams);
  const underBase = base.every((segment, index) => segments[index] === segment);
  const rest = underBase ? segments.slice(base.length) : undefined;
  // The customers' login page: at the root and under the base path, never subject to faults.
  if (
    request.method === 'POST' &&
    ((segments.length === 1 && segments[0] === 'login') || (rest?.length === 1 && rest[0] === 'login'))
  )
    return handleLogin(state, request, response);
  if (rest) return handleLegacyApi(state, request, response, rest);
  return sendJson(response, 404, { error: 'not found' });
}

function normaliseBasePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: a development tool with a fixed token must not be reachable from elsewhere.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
