/**
 * The demo's calls to the legacy-CIAM simulator's own endpoints (tools/legacy-ciam/README.md):
 * fault switches, stats, an account's state and the customers' login. Over HTTP, as a tester would.
 */
export interface LegacyCiamStats {
  calls: number;
  byIdempotencyKey: Record<string, { calls: number; effects: number }>;
  effects: { revoke: number; suspend: number; resume: number; retire: number };
  revokedAccounts: number;
  retiredAccounts: number;
  logins: { accepted: number; refused: number; refusedRetired: number };
  faulted: { down: number; slow: number; fail: number; 'rate-limit': number; garbage: number };
}

export interface LegacyAccountView {
  id: string;
  loginRetired: boolean;
  revokedAt?: string;
  sessions: { id: string; status: string }[];
}

async function simulatorCall<T>(
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; answer: T }> {
  const response = await fetch(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, answer: (await response.json().catch(() => ({}))) as T };
}

export class LegacyCiamClient {
  /** `origin`: http://127.0.0.1:<port>, where `/_simulator` and `/login` hang. */
  constructor(readonly origin: string) {}

  async setFaults(faults: {
    mode: string;
    failRatio?: number;
    delayMs?: number;
    retryAfterSeconds?: number;
  }) {
    const { status } = await simulatorCall('PUT', `${this.origin}/_simulator/faults`, faults);
    if (status !== 200)
      throw new Error(`the simulator refused faults ${JSON.stringify(faults)} (HTTP ${status})`);
  }

  /** With every idempotency key's counts: a big run's are megabytes, so pollers ask for totals. */
  async stats(): Promise<LegacyCiamStats> {
    return (await simulatorCall<LegacyCiamStats>('GET', `${this.origin}/_simulator/stats`)).answer;
  }

  async totals(): Promise<Omit<LegacyCiamStats, 'byIdempotencyKey'>> {
    return (await simulatorCall<LegacyCiamStats>('GET', `${this.origin}/_simulator/stats?keys=false`)).answer;
  }

  async account(id: string): Promise<LegacyAccountView | undefined> {
    const { status, answer } = await simulatorCall<LegacyAccountView>(
      'GET',
      `${this.origin}/_simulator/accounts/${encodeURIComponent(id)}`,
    );
    return status === 200 ? answer : undefined;
  }

  /** A customer's sign-in at the legacy system: accepted or refused (the reason stays in its stats). */
  async login(accountId: string, password: string): Promise<'accepted' | 'refused'> {
    const { status } = await simulatorCall('POST', `${this.origin}/login`, { accountId, password });
    if (status !== 200 && status !== 401) throw new Error(`legacy login answered HTTP ${status}`);
    return status === 200 ? 'accepted' : 'refused';
  }
}
