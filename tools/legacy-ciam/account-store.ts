import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { legacyPasswordOf, seededBytes } from './legacy-passwords';

export type SessionStatus = 'active' | 'suspended' | 'revoked';

export interface LegacySession {
  id: string;
  createdAt: string;
  status: SessionStatus;
}

/** One legacy-API call made about an account, kept so tests can see what reached the legacy side. */
export interface AccountCall {
  at: string;
  method: string;
  path: string;
  status: number;
  idempotencyKey?: string;
  replayed?: boolean;
  fault?: string;
}

export interface LegacyAccount {
  id: string;
  passwordDigest: Buffer;
  loginRetired: boolean;
  retiredAt?: string;
  /** The first revocation of all its sessions: the account counts as revoked from then on. */
  revokedAt?: string;
  sessions: LegacySession[];
  calls: AccountCall[];
}

export type LoginOutcome = 'accepted' | 'unknown_account' | 'wrong_password' | 'login_retired';

const HOUR_MS = 3_600_000;
// Calls kept per account: enough to see every retry of a journey, bounded for a long demo.
const CALLS_KEPT = 200;

const digest = (password: string) => createHash('sha256').update(password, 'utf8').digest();

/**
 * The legacy CIAM's accounts, in memory: passwords (as digests), login state and sessions. The
 * session rules of the legacy API live here; idempotency and faults are the server's concern.
 */
export class AccountStore {
  private readonly accounts = new Map<string, LegacyAccount>();
  // Kept as they change: stats are polled, and a big run holds millions of accounts.
  private revokedAccounts = 0;
  private retiredAccounts = 0;

  constructor(
    private readonly passwordSeed: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get size(): number {
    return this.accounts.size;
  }

  get(id: string): LegacyAccount | undefined {
    return this.accounts.get(id);
  }

  /**
   * Adds accounts that are not there yet, each with its derived password and 1–3 active sessions
   * created hours to weeks before now ("before the migration"); existing accounts stay as they are.
   */
  addAccounts(ids: Iterable<string>): { created: number; existing: number } {
    let created = 0;
    let existing = 0;
    const now = this.now().getTime();
    for (const id of ids) {
      if (this.accounts.has(id)) {
        existing++;
        continue;
      }
      const bytes = seededBytes(this.passwordSeed, `sessions:${id}`);
      const count = 1 + (bytes.readUInt8(0) % 3);
      const sessions = Array.from({ length: count }, (_, index) => ({
        id: `ls-${bytes.subarray(4 + index * 8, 12 + index * 8).toString('hex')}`,
        createdAt: new Date(now - (1 + (bytes.readUInt16BE(1 + index) % 500)) * HOUR_MS).toISOString(),
        status: 'active' as const,
      }));
      this.accounts.set(id, {
        id,
        passwordDigest: digest(legacyPasswordOf(id, this.passwordSeed)),
        loginRetired: false,
        sessions,
        calls: [],
      });
      created++;
    }
    return { created, existing };
  }

  /** A session opened at the legacy side now: drift after a revocation, or a successful login. */
  openSession(account: LegacyAccount): LegacySession {
    const session: LegacySession = {
      id: `ls-${randomUUID()}`,
      createdAt: this.now().toISOString(),
      status: 'active',
    };
    account.sessions.push(session);
    return session;
  }

  /** Active and suspended sessions become revoked; answers how many did, and when. */
  revokeAll(account: LegacyAccount): { revoked: number; revokedAt: string } {
    const revokedAt = this.now().toISOString();
    if (!account.revokedAt) {
      account.revokedAt = revokedAt;
      this.revokedAccounts++;
    }
    return { revoked: this.move(account, ['active', 'suspended'], 'revoked'), revokedAt };
  }

  suspendAll(account: LegacyAccount): number {
    return this.move(account, ['active'], 'suspended');
  }

  /** Only suspended sessions come back: a revoked one never does. */
  resumeSuspended(account: LegacyAccount): number {
    return this.move(account, ['suspended'], 'active');
  }

  /** The password can never sign in again; retiring twice keeps the first instant. */
  retireLogin(account: LegacyAccount): string {
    const retiredAt = account.retiredAt ?? this.now().toISOString();
    if (!account.loginRetired) this.retiredAccounts++;
    account.loginRetired = true;
    account.retiredAt = retiredAt;
    return retiredAt;
  }

  login(id: string, password: string): { outcome: LoginOutcome; session?: LegacySession } {
    const account = this.accounts.get(id);
    // Compared whatever the account, so an unknown id costs what a known one does.
    const matches = timingSafeEqual(digest(password), account?.passwordDigest ?? digest(`${password}x`));
    if (!account) return { outcome: 'unknown_account' };
    if (account.loginRetired) return { outcome: 'login_retired' };
    if (!matches) return { outcome: 'wrong_password' };
    return { outcome: 'accepted', session: this.openSession(account) };
  }

  recordCall(account: LegacyAccount, call: AccountCall): void {
    account.calls.push(call);
    if (account.calls.length > CALLS_KEPT) account.calls.splice(0, account.calls.length - CALLS_KEPT);
  }

  counts(): { revokedAccounts: number; retiredAccounts: number } {
    return { revokedAccounts: this.revokedAccounts, retiredAccounts: this.retiredAccounts };
  }

  private move(account: LegacyAccount, from: SessionStatus[], to: SessionStatus): number {
    let moved = 0;
    for (const session of account.sessions) {
      if (from.includes(session.status)) {
        session.status = to;
        moved++;
      }
    }
    return moved;
  }
}
