import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { mintOperatorToken } from '@rekey/operator-auth';
import {
  isolatedPlatform,
  startServiceProcess,
  stopServiceProcess,
  waitUntilReady,
  type IsolatedPlatform,
  type ServiceProcess,
} from '@rekey/testing';
import { Client } from 'pg';

export const root = path.resolve(__dirname, '../../../..');
export const logDir = path.join(root, 'tmp/test-logs');

// Away from `npm start`'s ports, so tests run while a developer's platform is up.
export const testPorts = {
  'identity-matching': 4101,
  'reset-issuance': 4102,
  enrollment: 4103,
  'session-revocation': 4104,
  'fraud-monitoring': 4105,
  audit: 4106,
} as const;
type TestedService = keyof typeof testPorts;

/**
 * A describe block's own platform on the local stack: fresh databases and topics, so nothing a
 * developer's `npm start`, a benchmark or another test file left there is in the way. The
 * services started in it are stopped, and its databases and topics dropped, after the block.
 */
export class TestPlatform {
  private isolated: IsolatedPlatform | undefined;
  private readonly started: ServiceProcess[] = [];

  constructor(label: string) {
    beforeAll(async () => {
      this.isolated = await isolatedPlatform(`e2e-${label}`);
    });
    afterAll(async () => {
      await Promise.all(this.started.map((service) => stopServiceProcess(service)));
      await this.isolated?.dispose();
    });
  }

  /** KAFKA_TOPIC_PREFIX of the services started here: where their topics are. */
  get topicPrefix(): string {
    return this.platform().topicPrefix;
  }

  /** The brokers, for the test's own Kafka clients (a downstream application's, say). */
  get kafkaBrokers(): string[] {
    return this.platform().kafkaBrokers;
  }

  /** Reads what a service stored, in its own database here, on a connection of its own. */
  async query<Row>(name: TestedService, sql: string, parameters: unknown[] = []): Promise<Row[]> {
    const client = new Client({ connectionString: await this.platform().databaseUrl(name) });
    await client.connect();
    try {
      return (await client.query(sql, parameters)).rows as Row[];
    } finally {
      await client.end();
    }
  }

  /**
   * Starts services from their sources, each in its own process; again after a crash.
   * `extraEnvironment` goes to every one of them, `ownEnvironment` to the one it names.
   */
  async startServices<Name extends TestedService>(
    names: Name[],
    extraEnvironment: NodeJS.ProcessEnv = {},
    ownEnvironment: Partial<Record<Name, NodeJS.ProcessEnv>> = {},
  ): Promise<Record<Name, ServiceProcess>> {
    const platform = this.platform();
    const environments = await Promise.all(names.map((name) => platform.serviceEnvironment(name)));
    const started = names.map((name, index) =>
      startServiceProcess(name, {
        root,
        logDir,
        fromSource: true,
        port: testPorts[name],
        environment: {
          ...environments[index],
          OTEL_TRACES_EXPORTER: 'none',
          OUTBOX_POLL_INTERVAL_MS: '200',
          ...extraEnvironment,
          ...ownEnvironment[name],
        },
      }),
    );
    this.started.push(...started);
    await Promise.all(started.map((service) => waitUntilReady(service, 90_000)));
    return Object.fromEntries(started.map((service) => [service.name, service])) as Record<
      Name,
      ServiceProcess
    >;
  }

  private platform(): IsolatedPlatform {
    if (!this.isolated) throw new Error('the test platform is set up in beforeAll: use it in a test or hook');
    return this.isolated;
  }
}

export function operatorToken(scopes: Parameters<typeof mintOperatorToken>[0]['scopes']): Promise<string> {
  return mintOperatorToken({ subject: 'operator@example.com', scopes, ttlSeconds: 300 });
}

export function anAccountId(): string {
  return `legacy-${randomUUID()}`;
}

export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
