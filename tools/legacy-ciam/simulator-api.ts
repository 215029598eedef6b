/**
 * The simulator's own endpoints (development only, never part of the legacy-system port): the
 * customers' login, fault switches, stats, and account set-up and inspection for tests. No legacy
 * auth and no faults: the simulator listens on 127.0.0.1 only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFaults } from './faults';
import { readJson, sendJson } from './http-io';
import type { SimulatorState } from './simulator-state';

// A bulk seed of a few hundred thousand ids fits; a runaway client does not.
const BODY_LIMIT = 32 * 1024 * 1024;
const MAX_ID_LENGTH = 200;

export async function handleLogin(
  state: SimulatorState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = (await readJson(request, BODY_LIMIT)) as
    { accountId?: unknown; password?: unknown } | undefined;
  if (typeof body?.accountId !== 'string' || typeof body.password !== 'string')
    return sendJson(response, 400, { error: 'accountId and password required' });
  const { outcome, session } = state.store.login(body.accountId, body.password);
  if (session) {
    state.logins.accepted++;
    return sendJson(response, 200, { sessionId: session.id });
  }
  // One answer for every refusal: why it was refused shows in the stats only.
  state.logins.refused++;
  if (outcome === 'login_retired') state.logins.refusedRetired++;
  return sendJson(response, 401, { error: 'invalid credentials' });
}

/** `segments` follow `_simulator`. */
export async function handleSimulatorApi(
  state: SimulatorState,
  request: IncomingMessage,
  response: ServerResponse,
  segments: string[],
  query: URLSearchParams,
): Promise<void> {
  const method = request.method ?? 'GET';
  const [what, id, sub, extra] = segments;
  if (what === 'faults' && id === undefined) {
    if (method === 'GET') return sendJson(response, 200, state.faults.faults);
    if (method === 'PUT') {
      const parsed = parseFaults(await readJson(request, BODY_LIMIT));
      if ('problem' in parsed) return sendJson(response, 400, { error: parsed.problem });
      state.faults.set(parsed.faults);
      return sendJson(response, 200, state.faults.faults);
    }
  }
  // `?keys=false` leaves out the per-key counts: a poller of a big run needs only the totals.
  if (what === 'stats' && id === undefined && method === 'GET')
    return sendJson(response, 200, query.get('keys') === 'false' ? state.totals() : state.stats());
  if (what === 'login' && id === undefined && method === 'POST') return handleLogin(state, request, response);
  if (what === 'accounts' && id === undefined && method === 'POST') {
    const ids = await readJson(request, BODY_LIMIT);
    if (
      !Array.isArray(ids) ||
      !ids.every((each) => typeof each === 'string' && each !== '' && each.length <= MAX_ID_LENGTH)
    )
      return sendJson(response, 400, {
        error: `expected a JSON array of account ids (1–${MAX_ID_LENGTH} characters)`,
      });
    return sendJson(response, 201, state.store.addAccounts(ids as string[]));
  }
  if (what === 'accounts' && id !== undefined && extra === undefined) {
    const account = state.store.get(id);
    if (!account) return sendJson(response, 404, { error: 'unknown account' });
    if (sub === undefined && method === 'GET') {
      const { passwordDigest: _secret, ...visible } = account;
      return sendJson(response, 200, visible);
    }
    if (sub === 'sessions' && method === 'POST')
      return sendJson(response, 201, state.store.openSession(account));
  }
  return sendJson(response, 404, { error: 'no such simulator endpoint' });
}
