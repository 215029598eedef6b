import { freePort } from '../fixtures/free-port';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startKafkaBroker, stopKafkaBroker } from './kafka-broker';
import { kafkaLibsDir } from './kafka-jars';
import { stackSettings } from './stack-settings';

export interface PrivateKafkaBroker {
  brokers: string[];
  /** Stops the broker (cleanly, as an operator's restart would) and waits until it answers again. */
  restart(options?: { downForMs?: number }): Promise<void>;
  stop(): Promise<void>;
  /** Stops the broker and leaves it down until `start`. */
  halt(): Promise<void>;
  start(): Promise<void>;
}

/**
 * A single-node broker of its own, on free ports and in a folder of its own, for the tests that
 * stop or restart a broker: the shared local stack's broker serves every other test meanwhile and
 * must never go down. Uses the local stack's cached jars; deletes its folder when stopped.
 */
export async function startPrivateKafkaBroker(name: string): Promise<PrivateKafkaBroker> {
  const settings = stackSettings();
  const dir = mkdtempSync(path.join(settings.stackDir, `private-kafka-${name}-`));
  const options = {
    dir,
    libsDir: kafkaLibsDir(settings),
    port: await freePort(),
    controllerPort: await freePort(),
    readyTimeoutMs: 120_000,
  };
  let pid: number | undefined = (await startKafkaBroker(options)).pid;
  const halt = async () => {
    if (pid !== undefined) await stopKafkaBroker(pid);
    pid = undefined;
  };
  const start = async () => {
    pid ??= (await startKafkaBroker(options)).pid;
  };
  return {
    brokers: [`127.0.0.1:${options.port}`],
    halt,
    start,
    restart: async ({ downForMs = 0 } = {}) => {
      await halt();
      if (downForMs > 0) await new Promise((resolve) => setTimeout(resolve, downForMs));
      await start();
    },
    stop: async () => {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
