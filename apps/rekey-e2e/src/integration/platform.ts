import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { mintOperatorToken } from '@rekey/operator-auth';
import {
  localServiceEnvironment,
  startServiceProcess,
  stopServiceProcess,
  waitUntilReady,
  type ServiceProcess,
} from '@rekey/testing';

export const root = path.resolve(__dirname, '../../../..');
export const logDir = path.join(root, 'tmp/test-logs');

// Away from `npm start`'s ports, so tests run while a developer's platform is up.
const testPorts = { 'identity-matching': 4101, 'reset-issuance': 4102, audit: 4106 } as const;
type TestedService = keyof typeof testPorts;

/** Starts services from their sources against the local stack, each in its own process. */
export async function startServices(
  names: TestedService[],
  extraEnvironment: NodeJS.ProcessEnv = {},
): Promise<Record<TestedService, ServiceProcess>> {
  const environments = await Promise.all(names.map((name) => localServiceEnvironment(name)));
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
      },
    }),
  );
  try {
    await Promise.all(started.map((service) => waitUntilReady(service, 90_000)));
  } catch (error) {
    await Promise.all(started.map((service) => stopServiceProcess(service)));
    throw error;
  }
  return Object.fromEntries(started.map((service) => [service.name, service])) as Record<
    TestedService,
    ServiceProcess
  >;
}

export async function stopServices(services: Partial<Record<TestedService, ServiceProcess>>): Promise<void> {
  await Promise.all(Object.values(services).map((service) => stopServiceProcess(service!)));
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
