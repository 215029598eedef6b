/**
 * Reads the public rekey.migration topic as a downstream application does (a plain kafkajs
 * consumer of its own group) and keeps, per legacy account, when its enrolment completed and when
 * its legacy sessions were revoked, as the account-migrated event states them.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';

export interface MigrationTimes {
  enrolledAt: number;
  legacySessionsRevokedAt: number;
}

export class MigrationObserver {
  readonly migrated = new Map<string, MigrationTimes>();
  private consumer: Consumer | undefined;

  constructor(
    private readonly brokers: string[],
    private readonly topic: string,
  ) {}

  async start(): Promise<void> {
    const kafka = new Kafka({
      clientId: 'bench-journey-downstream',
      brokers: this.brokers,
      logLevel: logLevel.NOTHING,
    });
    this.consumer = kafka.consumer({ groupId: `bench-journey-downstream-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        if (message.headers?.['ce_type']?.toString() !== 'rekey.migration.account-migrated.v1') return;
        const data = JSON.parse(message.value?.toString('utf8') ?? '{}') as {
          legacyAccountId: string;
          enrolledAt: string;
          legacySessionsRevokedAt: string;
        };
        this.migrated.set(data.legacyAccountId, {
          enrolledAt: Date.parse(data.enrolledAt),
          legacySessionsRevokedAt: Date.parse(data.legacySessionsRevokedAt),
        });
      },
    });
  }

  /** Waits until every account given is migrated, or `timeoutMs` passed; answers how many are. */
  async waitFor(accounts: Iterable<string>, timeoutMs: number): Promise<number> {
    const wanted = [...accounts];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = wanted.filter((account) => this.migrated.has(account)).length;
      if (seen === wanted.length || Date.now() > deadline) return seen;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
