import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

import { rekeyServices, type ServiceName } from '@rekey/service-catalog';

/** Where each service listens by default, locally and in the containers. */
export const servicePorts = Object.fromEntries(
  rekeyServices.map((service) => [service.name, service.port]),
) as Record<ServiceName, number>;

export interface ServiceProcess {
  name: ServiceName;
  url: string;
  logFile: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

export interface ServiceProcessOptions {
  root: string;
  environment: NodeJS.ProcessEnv;
  logDir: string;
  /** Runs the TypeScript sources through tools/register.cjs instead of the build in dist/. */
  fromSource?: boolean;
  port?: number;
}

/** Runs one service as a child process, its JSON logs going to a file. */
export function startServiceProcess(name: ServiceName, options: ServiceProcessOptions): ServiceProcess {
  const { root, logDir } = options;
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const port = options.port ?? servicePorts[name];
  const entry = options.fromSource
    ? ['-r', path.join(root, 'tools/register.cjs'), path.join(root, 'apps', name, 'src/main.ts')]
    : [path.join(root, 'dist/apps', name, 'src/main.js')];
  // As the image's CMD runs them: one V8 helper thread, as a one-CPU pod has.
  const flags = ['--v8-pool-size=1'];
  const child = spawn(process.execPath, [...flags, ...entry], {
    env: { ...process.env, NODE_OPTIONS: '', ...options.environment, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, url: `http://127.0.0.1:${port}`, logFile, child, exited };
}

/** Resolves when /health/ready answers 200; rejects if the process exits or time runs out. */
export async function waitUntilReady(service: ServiceProcess, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let exited = false;
  void service.exited.then(() => (exited = true));
  while (Date.now() - started < timeoutMs) {
    if (exited) throw new Error(`${service.name} exited during start-up; see ${service.logFile}`);
    try {
      const response = await fetch(`${service.url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${service.name} was not ready within ${timeoutMs / 1000} s; see ${service.logFile}`);
}

/** SIGTERM, then SIGKILL after the grace period; resolves with the exit code (null if killed). */
export async function stopServiceProcess(service: ServiceProcess, graceMs = 15_000): Promise<number | null> {
  if (service.child.exitCode !== null) return service.child.exitCode;
  service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), graceMs);
  const code = await service.exited;
  clearTimeout(timer);
  return code;
}
