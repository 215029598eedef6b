import type { z } from 'zod';
import { done, permanent, transient, type LegacyOutcome } from '../domain/legacy-outcome';
import type { LegacyApiSettings } from '../legacy-system.environment';
import type { LegacyAccountSessions, LegacySystem } from '../legacy-system.port';
import {
  ResumedAnswer,
  RetiredAnswer,
  retryAfterMs,
  RevokedAnswer,
  SessionsAnswer,
  SuspendedAnswer,
} from './legacy-api-answers';

/**
 * The legacy system's generic HTTP API over Node's fetch. Every answer is classified: a timeout,
 * a reset connection, a 5xx, a 429 (with its Retry-After) or a body that is not the expected JSON
 * is transient; 404 and other 4xx are permanent. 401/403 are transient too: they mean our own
 * credential is wrong or expired, which an operator fixes without losing the pending work.
 * Messages name the call by its path template, never the credential nor the base URL.
 */
export class HttpLegacySystem implements LegacySystem {
  readonly canSuspend: boolean;

  constructor(private readonly settings: LegacyApiSettings) {
    this.canSuspend = settings.canSuspend;
  }

  async listSessions(legacyAccountId: string): Promise<LegacyOutcome<LegacyAccountSessions>> {
    const outcome = await this.call('GET', legacyAccountId, 'sessions', SessionsAnswer);
    if (outcome.kind !== 'done') return outcome;
    return done({
      legacyAccountId: outcome.value.accountId,
      loginRetired: outcome.value.loginRetired,
      sessions: outcome.value.sessions.map((session) => ({
        id: session.id,
        createdAt: new Date(session.createdAt),
        status: session.status,
      })),
    });
  }

  async revokeAllSessions(legacyAccountId: string, idempotencyKey: string) {
    const outcome = await this.call(
      'POST',
      legacyAccountId,
      'sessions/revoke',
      RevokedAnswer,
      idempotencyKey,
    );
    if (outcome.kind !== 'done') return outcome;
    return done({ revoked: outcome.value.revoked, revokedAt: new Date(outcome.value.revokedAt) });
  }

  suspendSessions(legacyAccountId: string, idempotencyKey: string) {
    return this.call('POST', legacyAccountId, 'sessions/suspend', SuspendedAnswer, idempotencyKey);
  }

  resumeSessions(legacyAccountId: string, idempotencyKey: string) {
    return this.call('POST', legacyAccountId, 'sessions/resume', ResumedAnswer, idempotencyKey);
  }

  async retireLogin(legacyAccountId: string, idempotencyKey: string) {
    const outcome = await this.call('POST', legacyAccountId, 'login/retire', RetiredAnswer, idempotencyKey);
    if (outcome.kind !== 'done') return outcome;
    return done({ retiredAt: new Date(outcome.value.retiredAt) });
  }

  private async call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    legacyAccountId: string,
    action: string,
    answer: S,
    idempotencyKey?: string,
  ): Promise<LegacyOutcome<z.infer<S>>> {
    const name = `${method} /accounts/{id}/${action}`;
    const url = `${this.settings.baseUrl}/accounts/${encodeURIComponent(legacyAccountId)}/${action}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: this.settings.authorization,
          accept: 'application/json',
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        ...(method === 'POST' ? { body: '{}' } : {}),
        // Covers the whole exchange, the body included: a server that stalls mid-answer times out too.
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        redirect: 'error',
      });
      text = await response.text();
    } catch (error) {
      if (isTimeout(error))
        return transient('legacy.timeout', `${name} timed out after ${this.settings.timeoutMs} ms`);
      return transient('legacy.unreachable', `${name} failed: ${networkCode(error)}`);
    }
    const status = response.status;
    if (status === 429) {
      return transient(
        'legacy.rate-limited',
        `${name} answered 429`,
        retryAfterMs(response.headers.get('retry-after')),
      );
    }
    if (status >= 500) return transient('legacy.unavailable', `${name} answered ${status}`);
    if (status === 401 || status === 403)
      return transient('legacy.unauthorized', `${name} answered ${status}`);
    if (status === 404) return permanent('legacy.unknown-account', `${name} answered 404`);
    if (status < 200 || status >= 300) return permanent('legacy.refused', `${name} answered ${status}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return transient('legacy.garbage', `${name} answered ${status} with a body that is not JSON`);
    }
    const parsed = answer.safeParse(body);
    if (!parsed.success)
      return transient('legacy.garbage', `${name} answered ${status} with a body of the wrong shape`);
    return done(parsed.data as z.infer<S>);
  }
}

// By name, not instanceof: the DOMException fetch throws may come from another realm.
function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** A network failure's code (ECONNRESET, ECONNREFUSED, ...): never its message, which may quote the URL. */
function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : 'network error';
}
