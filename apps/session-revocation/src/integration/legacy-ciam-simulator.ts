import { LEGACY_CIAM_DEV_TOKEN, startLegacyCiamProcess, type LegacyCiamProcess } from '@rekey/testing';

export interface SimulatedSession {
  id: string;
  createdAt: string;
  status: 'active' | 'suspended' | 'revoked';
}

export interface SimulatedAccount {
  id: string;
  loginRetired: boolean;
  sessions: SimulatedSession[];
  calls: Array<{ method: string; path: string; idempotencyKey?: string; replayed?: boolean }>;
}

/**
 * The real legacy-CIAM simulator (tools/legacy-ciam) as a child process, with the few
 * `/_simulator` calls these specs need: seed accounts, read one, open a drift session.
 */
export class LegacyCiamSimulator {
  private constructor(readonly process: LegacyCiamProcess) {}

  static async start(): Promise<LegacyCiamSimulator> {
    return new LegacyCiamSimulator(await startLegacyCiamProcess());
  }

  /** What session-revocation needs to call it. */
  get environment(): NodeJS.ProcessEnv {
    return { LEGACY_API_URL: this.process.apiUrl, LEGACY_API_TOKEN: LEGACY_CIAM_DEV_TOKEN };
  }

  async seed(...ids: string[]): Promise<void> {
    await this.call('POST', '/accounts', ids, 201);
  }

  account(id: string): Promise<SimulatedAccount> {
    return this.call(
      'GET',
      `/accounts/${encodeURIComponent(id)}`,
      undefined,
      200,
    ) as Promise<SimulatedAccount>;
  }

  /** A session created at the legacy side after revocation: drift. */
  openDriftSession(id: string): Promise<SimulatedSession> {
    return this.call(
      'POST',
      `/accounts/${encodeURIComponent(id)}/sessions`,
      undefined,
      201,
    ) as Promise<SimulatedSession>;
  }

  async maxEffectsPerKey(): Promise<number> {
    const stats = (await this.call('GET', '/stats', undefined, 200)) as {
      byIdempotencyKey: Record<string, { effects: number }>;
    };
    return Math.max(0, ...Object.values(stats.byIdempotencyKey).map((key) => key.effects));
  }

  stop(): Promise<void> {
    return this.process.stop();
  }

  private async call(method: string, route: string, body: unknown, expected: number): Promise<unknown> {
    const response = await fetch(`${this.process.simulatorUrl}${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status !== expected) {
      throw new Error(`simulator ${method} ${route} answered ${response.status}: ${await response.text()}`);
    }
    return response.json();
  }
}
