import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** The development bearer token the simulator accepts unless told otherwise (tools/legacy-ciam). */
export const LEGACY_CIAM_DEV_TOKEN = 'rekey-legacy-dev-token';

export interface LegacyCiamProcess {
  /** The legacy API's base URL: session-revocation's LEGACY_API_URL. */
  apiUrl: string;
  /** `http://127.0.0.1:<port>/_simulator`: faults, stats, accounts. */
  simulatorUrl: string;
  /** `http://127.0.0.1:<port>`: where `POST /login` is. */
  origin: string;
  port: number;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
}

/**
 * Runs the legacy-CIAM simulator (tools/legacy-ciam, a development tool) from its sources as a
 * child process on a free port: apps' tests cannot import tools/, and a process of its own is
 * what a test that restarts or kills the legacy system needs anyway. `args` are its flags
 * (`--seed-file`, `--token`, `--basic-user`, ...).
 */
export async function startLegacyCiamProcess(
  options: { root?: string; args?: string[]; timeoutMs?: number } = {},
): Promise<LegacyCiamProcess> {
  const root = options.root ?? path.resolve(__dirname, '../../../..');
  const child = spawn(
    process.execPath,
    [
      '-r',
      path.join(root, 'tools/register.cjs'),
      path.join(root, 'tools/legacy-ciam/main.ts'),
      '--port',
      '0',
      ...(options.args ?? []),
    ],
    { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stdout = child.stdout;
  if (!stdout) throw new Error('the legacy-CIAM simulator has no stdout');
  const errors: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the legacy-CIAM simulator did not start in time')),
      options.timeoutMs ?? 20_000,
    );
    createInterface({ input: stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the legacy-CIAM simulator exited: ${errors.join('').trim()}`));
    });
  });
  const { apiUrl, simulatorUrl, port } = JSON.parse(first) as {
    apiUrl: string;
    simulatorUrl: string;
    port: number;
  };
  return {
    apiUrl,
    simulatorUrl,
    origin: `http://127.0.0.1:${port}`,
    port,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
