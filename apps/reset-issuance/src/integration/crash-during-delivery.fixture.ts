import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { messageIdOf, type ReceivedMail } from '@rekey/notifications/testing';
import { startServiceProcess, stopServiceProcess, waitUntilReady, type ServiceProcess } from '@rekey/testing';
import type { DataSource } from 'typeorm';
import { hashResetToken } from '../tokens/domain/reset-token';

const root = path.resolve(__dirname, '../../../..');
export const LINK_SUBJECT = 'Your personal link to set up your new sign-in';

/**
 * reset-issuance in a process of its own, started again on the same database and port after each
 * SIGKILL. It remembers every process it started, so `stop` ends them all, whatever failed.
 */
export class RestartableService {
  private readonly started: ServiceProcess[] = [];
  private logDir: string | undefined;

  constructor(
    private readonly port: number,
    private readonly environment: () => Promise<NodeJS.ProcessEnv>,
  ) {}

  get current(): ServiceProcess {
    const service = this.started.at(-1);
    if (!service) throw new Error('reset-issuance was never started');
    return service;
  }

  /**
   * Starts the service; the first time, until it is ready. After a kill it is not waited for: the
   * dead process stays a member of its consumer groups until its Kafka session times out (30 s),
   * and the new one listens only once it has joined them, while its scheduler, which needs no
   * consumer, is at work from the start. Probes call `assertRunning` instead.
   */
  async start(deadline: Deadline): Promise<ServiceProcess> {
    const first = this.started.length === 0;
    this.logDir ??= await mkdtemp(path.join(tmpdir(), 'rekey-crash-delivery-'));
    const service = startServiceProcess('reset-issuance', {
      root,
      logDir: this.logDir,
      fromSource: true,
      port: this.port,
      environment: await this.environment(),
    });
    this.started.push(service);
    if (first) await waitUntilReady(service, deadline.leftMs());
    return service;
  }

  /** Throws if the current process has exited (a failed start, not a kill of the test's). */
  assertRunning(): void {
    const { child, logFile } = this.current;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`reset-issuance exited (${child.exitCode ?? child.signalCode}); see ${logFile}`);
    }
  }

  /** No shutdown hook runs: sends in flight are cut off, and nothing is marked delivered. */
  async kill(): Promise<void> {
    const service = this.current;
    service.child.kill('SIGKILL');
    await service.exited;
  }

  async stop(): Promise<void> {
    await Promise.all(this.started.map((service) => stopServiceProcess(service, 5_000)));
  }
}

/** What the service's database says of one wave's links, read on the test's own connection. */
export class WaveLinks {
  constructor(
    private readonly db: DataSource,
    private readonly waveId: string,
  ) {}

  /** Journeys whose live token is not recorded delivered; with `linkedBy`, of those that had a link then. */
  async journeysAwaitingDelivery(linkedBy?: Date): Promise<number> {
    const [row] = await this.db.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM journey j
        WHERE j.wave_id = $1
          AND ($2::timestamptz IS NULL
               OR EXISTS (SELECT 1 FROM reset_token t WHERE t.journey_id = j.id AND t.issued_at <= $2))
          AND NOT EXISTS (SELECT 1 FROM reset_token t
                           WHERE t.journey_id = j.id AND t.status = 'live' AND t.delivered_at IS NOT NULL)`,
      [this.waveId, linkedBy ?? null],
    );
    return row?.count ?? 0;
  }

  /** Live links committed and not recorded delivered: those a crash now leaves in flight. */
  async inFlight(): Promise<number> {
    const [row] = await this.db.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM reset_token
        WHERE wave_id = $1 AND status = 'live' AND delivered_at IS NULL`,
      [this.waveId],
    );
    return row?.count ?? 0;
  }

  async superseded(): Promise<number> {
    const [row] = await this.db.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM reset_token WHERE wave_id = $1 AND status = 'superseded'`,
      [this.waveId],
    );
    return row?.count ?? 0;
  }

  /** Per account: how many live tokens, and the hash (hex) of one, as the service stores it. */
  liveTokens(): Promise<Array<{ legacyAccountId: string; live: number; tokenHash: string }>> {
    return this.db.query(
      `SELECT legacy_account_id AS "legacyAccountId", count(*)::int AS live,
              encode((array_agg(token_hash))[1], 'hex') AS "tokenHash"
         FROM reset_token WHERE wave_id = $1 AND status = 'live' GROUP BY legacy_account_id`,
      [this.waveId],
    );
  }
}

/** A reset link as a message carried it: which account, which token, under which Message-ID. */
export interface ReceivedLink {
  legacyAccountId: string;
  tokenHash: string;
  messageId: string | undefined;
}

/**
 * The reset links among the received mail, each read from the text body (the token is the
 * fragment of `${resetBaseUrl}/reset#t=`) and hashed as the service stores it. Every account
 * seeded by `seedAccounts` is reached at `<legacy account id>@example.test`.
 */
export function receivedLinks(received: readonly ReceivedMail[], resetBaseUrl: string): ReceivedLink[] {
  const pattern = new RegExp(`${escapeRegExp(resetBaseUrl)}/reset#t=([A-Za-z0-9_-]{43})`);
  return received
    .filter(({ mail }) => mail.subject === LINK_SUBJECT)
    .map(({ recipients, mail }) => {
      const token = pattern.exec(mail.text ?? '')?.[1];
      if (!token) throw new Error(`a reset-link message to ${recipients[0]} carries no link`);
      return {
        legacyAccountId: (recipients[0] ?? '').replace(/@example\.test$/, ''),
        tokenHash: hashResetToken(token).toString('hex'),
        messageId: messageIdOf(mail),
      };
    });
}

export function countLinks(received: readonly ReceivedMail[]): number {
  let count = 0;
  for (const { mail } of received) if (mail.subject === LINK_SUBJECT) count += 1;
  return count;
}

/** What the customers of a wave received, measured against each account's live token. */
export interface DeliveryReport {
  accounts: number;
  linkMessages: number;
  accountsWithoutMessage: string[];
  accountsWithTwoMessages: number;
  accountsWithMoreThanTwo: string[];
  twoWithDifferentLinks: number;
  twoWithDifferentMessageIds: number;
  messagesWithoutLiveLink: number;
  accountsWithADeadLink: string[];
}

export function deliveryReport(
  accounts: readonly string[],
  liveTokenHash: ReadonlyMap<string, string>,
  links: readonly ReceivedLink[],
): DeliveryReport {
  const byAccount = new Map<string, ReceivedLink[]>();
  for (const link of links)
    byAccount.set(link.legacyAccountId, [...(byAccount.get(link.legacyAccountId) ?? []), link]);
  const report: DeliveryReport = {
    accounts: accounts.length,
    linkMessages: links.length,
    accountsWithoutMessage: [],
    accountsWithTwoMessages: 0,
    accountsWithMoreThanTwo: [],
    twoWithDifferentLinks: 0,
    twoWithDifferentMessageIds: 0,
    messagesWithoutLiveLink: 0,
    accountsWithADeadLink: [],
  };
  for (const account of accounts) {
    const received = byAccount.get(account) ?? [];
    if (received.length === 0) report.accountsWithoutMessage.push(account);
    if (received.length > 2) report.accountsWithMoreThanTwo.push(account);
    if (received.length === 2) {
      report.accountsWithTwoMessages += 1;
      const [first, second] = received as [ReceivedLink, ReceivedLink];
      if (first.tokenHash !== second.tokenHash) report.twoWithDifferentLinks += 1;
      if (first.messageId !== second.messageId) report.twoWithDifferentMessageIds += 1;
    }
    const dead = received.filter((link) => link.tokenHash !== liveTokenHash.get(account)).length;
    report.messagesWithoutLiveLink += dead;
    if (dead > 0) report.accountsWithADeadLink.push(account);
  }
  return report;
}

/** A kill of the service: after how many reset-link messages, with how many links in flight. */
export interface Kill {
  afterLinks: number;
  inFlight: number;
}

/** One line that says what the kills did to the customers, so a failure explains itself. */
export function summarize(kills: readonly Kill[], report: DeliveryReport, superseded: number): string {
  const killed = kills.map(
    (kill) => `after ${kill.afterLinks} link messages (${kill.inFlight} links in flight)`,
  );
  return [
    `crash during delivery: killed ${killed.join(' and ')}`,
    `${report.linkMessages} link messages to ${report.accounts} accounts, ${superseded} links superseded ` +
      `(${Math.max(0, superseded - kills.reduce((sum, kill) => sum + kill.inFlight, 0))} more than were in ` +
      'flight at the kills: replaced by a running service after the lease)',
    `${report.accountsWithTwoMessages} accounts got two messages, ${report.twoWithDifferentLinks} of them ` +
      `with different links and ${report.twoWithDifferentMessageIds} with different Message-IDs`,
    `${report.accountsWithMoreThanTwo.length} got more than two`,
    `${report.messagesWithoutLiveLink} messages to ${report.accountsWithADeadLink.length} accounts carry a ` +
      'link that no longer works',
  ].join('; ');
}

/** One time limit for a whole scenario, so its waits together stay within the test's timeout. */
export class Deadline {
  private readonly at: number;

  constructor(private readonly budgetMs: number) {
    this.at = Date.now() + budgetMs;
  }

  leftMs(): number {
    return Math.max(0, this.at - Date.now());
  }

  /** Polls until `probe` returns a value; fails naming `what` once the time is up. */
  async until<T>(
    what: string,
    probe: () => T | undefined | Promise<T | undefined>,
    intervalMs = 100,
  ): Promise<T> {
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (this.leftMs() === 0) throw new Error(`${what}: not reached within ${this.budgetMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** A whole number drawn from [min, max]. */
export function randomBetween(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
