import { randomUUID } from 'node:crypto';

export type FakeSessionStatus = 'active' | 'suspended' | 'revoked';
export type FakeAction = 'revoke' | 'suspend' | 'resume' | 'retire';

interface FakeAccount {
  sessions: Array<{ id: string; createdAt: string; status: FakeSessionStatus }>;
  loginRetired: boolean;
  retiredAt?: string;
}

export interface FakeAnswer {
  status: number;
  body: unknown;
  replayed?: boolean;
}

/**
 * A legacy CIAM's accounts in memory, with the legacy API's idempotency: a key seen before replays
 * its first successful answer and has no second effect. Shared by the fake adapter and the
 * in-test HTTP server, so both answer the same; it counts calls and effects per key.
 */
export class LegacyAccounts {
  private readonly accounts = new Map<string, FakeAccount>();
  private readonly keys = new Map<string, { calls: number; effects: number; answer?: FakeAnswer }>();
  readonly effects: Record<FakeAction, number> = { revoke: 0, suspend: 0, resume: 0, retire: 0 };

  add(legacyAccountId: string, sessions = 2): void {
    this.accounts.set(legacyAccountId, { sessions: [], loginRetired: false });
    for (let i = 0; i < sessions; i++) this.addSession(legacyAccountId);
  }

  addSession(legacyAccountId: string): string {
    const id = randomUUID();
    this.accounts
      .get(legacyAccountId)
      ?.sessions.push({ id, createdAt: new Date().toISOString(), status: 'active' });
    return id;
  }

  list(legacyAccountId: string): FakeAnswer {
    const account = this.accounts.get(legacyAccountId);
    if (!account) return { status: 404, body: { error: 'unknown account' } };
    return {
      status: 200,
      body: {
        accountId: legacyAccountId,
        loginRetired: account.loginRetired,
        sessions: account.sessions.map((session) => ({ ...session })),
      },
    };
  }

  apply(action: FakeAction, legacyAccountId: string, key: string): FakeAnswer {
    const record = this.keys.get(key) ?? { calls: 0, effects: 0 };
    this.keys.set(key, record);
    record.calls += 1;
    if (record.answer) return { ...record.answer, replayed: true };
    const account = this.accounts.get(legacyAccountId);
    if (!account) return { status: 404, body: { error: 'unknown account' } };
    const answer = { status: 200, body: this.effect(action, account) };
    record.answer = answer;
    record.effects += 1;
    this.effects[action] += 1;
    return answer;
  }

  statusesOf(legacyAccountId: string): FakeSessionStatus[] {
    return this.accounts.get(legacyAccountId)?.sessions.map((session) => session.status) ?? [];
  }

  isLoginRetired(legacyAccountId: string): boolean {
    return this.accounts.get(legacyAccountId)?.loginRetired ?? false;
  }

  /** Calls and effects of each idempotency key; a key with effects > 1 is a double effect. */
  byKey(): Map<string, { calls: number; effects: number }> {
    return new Map([...this.keys].map(([key, { calls, effects }]) => [key, { calls, effects }]));
  }

  private effect(action: FakeAction, account: FakeAccount): unknown {
    const now = new Date().toISOString();
    const change = (from: FakeSessionStatus[], to: FakeSessionStatus) => {
      let changed = 0;
      for (const session of account.sessions) {
        if (from.includes(session.status)) {
          session.status = to;
          changed += 1;
        }
      }
      return changed;
    };
    switch (action) {
      case 'revoke':
        return { revoked: change(['active', 'suspended'], 'revoked'), revokedAt: now };
      case 'suspend':
        return { suspended: change(['active'], 'suspended') };
      case 'resume':
        return { resumed: change(['suspended'], 'active') };
      case 'retire':
        account.loginRetired = true;
        account.retiredAt ??= now;
        return { retired: true, retiredAt: account.retiredAt };
    }
  }
}
