/**
 * The legacy-system HTTP API (this folder's README.md), under the base path: faults first (a
 * system that is down is down for everyone), then authentication, then the idempotency key of
 * mutating calls, then the account.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LegacyAccount } from './account-store';
import { BadBody, readJson, sendJson } from './http-io';
import { isAuthorized } from './legacy-auth';
import type { EffectKind, SimulatorState } from './simulator-state';

const MAX_KEY_LENGTH = 200;
const BODY_LIMIT = 64 * 1024;

type Operation = { kind: 'list' } | { kind: 'mutate'; effect: EffectKind };

function operationOf(method: string, rest: string[]): Operation | undefined {
  const [what, action] = rest;
  if (method === 'GET' && what === 'sessions' && action === undefined) return { kind: 'list' };
  if (method !== 'POST') return undefined;
  if (what === 'sessions' && action === 'revoke') return { kind: 'mutate', effect: 'revoke' };
  if (what === 'sessions' && action === 'suspend') return { kind: 'mutate', effect: 'suspend' };
  if (what === 'sessions' && action === 'resume') return { kind: 'mutate', effect: 'resume' };
  if (what === 'login' && action === 'retire') return { kind: 'mutate', effect: 'retire' };
  return undefined;
}

/** `segments` are the path's after the base path: accounts, {id}, ... */
export async function handleLegacyApi(
  state: SimulatorState,
  request: IncomingMessage,
  response: ServerResponse,
  segments: string[],
): Promise<void> {
  state.calls++;
  const method = request.method ?? 'GET';
  const path = `/${segments.map(encodeURIComponent).join('/')}`;
  const header = request.headers['idempotency-key'];
  const key = typeof header === 'string' ? header : undefined;
  if (key !== undefined && key.length <= MAX_KEY_LENGTH) state.ledger.countCall(key, `${method} ${path}`);
  const accountId = segments[0] === 'accounts' && segments.length >= 3 ? segments[1] : undefined;
  const account = accountId === undefined ? undefined : state.store.get(accountId);
  const record = (status: number, note: { fault?: string; replayed?: boolean } = {}) => {
    if (account)
      state.store.recordCall(account, {
        at: new Date().toISOString(),
        method,
        path,
        status,
        ...(key ? { idempotencyKey: key } : {}),
        ...note,
      });
  };
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}, note = {}) => {
    record(status, note);
    sendJson(response, status, body, headers);
  };

  const fault = state.faults.decide();
  if (fault.kind !== 'none') state.faulted[fault.kind]++;
  if (fault.kind === 'down') {
    record(0, { fault: 'down' });
    request.socket.destroy();
    return;
  }
  if (fault.kind === 'fail') return answer(503, { error: 'unavailable' }, {}, { fault: 'fail' });
  if (fault.kind === 'rate-limit')
    return answer(
      429,
      { error: 'rate limited' },
      { 'retry-after': String(fault.retryAfterSeconds) },
      { fault: 'rate-limit' },
    );
  if (fault.kind === 'garbage') {
    record(200, { fault: 'garbage' });
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<html><body>502 Bad Gateway</body></html>');
    return;
  }
  // `slow`: the effect happens now and only the answer is late, as when a client times out on a
  // legacy system that did the work: the retry must be a replay, not a second effect.
  const delayMs = fault.kind === 'slow' ? fault.delayMs : 0;
  const later = (status: number, body: unknown, headers: Record<string, string> = {}, note = {}) => {
    if (delayMs === 0) return answer(status, body, headers, note);
    // Recorded now: a client that gave up before the answer still made the call.
    record(status, { ...note, fault: 'slow' });
    setTimeout(() => {
      if (!response.destroyed) sendJson(response, status, body, headers);
    }, delayMs);
  };

  if (!isAuthorized(state.auth, request.headers.authorization))
    return later(
      401,
      { error: 'unauthorized' },
      { 'www-authenticate': 'basic' in state.auth ? 'Basic' : 'Bearer' },
    );
  const operation = accountId === undefined ? undefined : operationOf(method, segments.slice(2));
  if (!operation) return later(404, { error: 'no such call' });

  try {
    await readJson(request, BODY_LIMIT);
  } catch (error) {
    return later(error instanceof BadBody ? error.status : 400, { error: (error as Error).message });
  }

  if (operation.kind === 'list') {
    if (!account) return later(404, { error: 'unknown account' });
    return later(200, {
      accountId: account.id,
      loginRetired: account.loginRetired,
      sessions: account.sessions.map((session) => ({ ...session })),
    });
  }
  if (key === undefined) return later(400, { error: 'Idempotency-Key header required' });
  if (key.length === 0 || key.length > MAX_KEY_LENGTH)
    return later(400, { error: `Idempotency-Key must be 1–${MAX_KEY_LENGTH} characters` });
  const call = `${method} ${path}`;
  const decision = state.ledger.decide(key, call);
  if (decision.kind === 'conflict')
    return later(422, {
      error: 'Idempotency-Key already used for another call',
      firstUsedFor: decision.firstRequest,
    });
  if (decision.kind === 'replay')
    return later(
      decision.answer.status,
      decision.answer.body,
      { 'idempotent-replayed': 'true' },
      { replayed: true },
    );
  if (!account) return later(404, { error: 'unknown account' });
  const body = applyEffect(state, operation.effect, account);
  state.effects[operation.effect]++;
  state.ledger.recordEffect(key, call, { status: 200, body });
  return later(200, body);
}

function applyEffect(state: SimulatorState, effect: EffectKind, account: LegacyAccount): unknown {
  switch (effect) {
    case 'revoke':
      return state.store.revokeAll(account);
    case 'suspend':
      return { suspended: state.store.suspendAll(account) };
    case 'resume':
      return { resumed: state.store.resumeSuspended(account) };
    case 'retire':
      return { retired: true, retiredAt: state.store.retireLogin(account) };
  }
}
