import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';

export interface DetachedProcess {
  pid: number;
  /** The exit code or signal once the process has ended early, undefined while it runs. */
  exitStatus(): string | undefined;
}

export interface DetachedOptions {
  logFile: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
}

/**
 * Starts a process in its own session with its output in a file, so it outlives the Node process
 * that started it: `npm start` and every Jest run share the same broker and database.
 */
export function spawnDetached(command: string, args: string[], options: DetachedOptions): DetachedProcess {
  const log = openSync(options.logFile, 'a');
  try {
    const child = spawn(command, args, {
      detached: true,
      stdio: ['ignore', log, log],
      env: options.env ?? process.env,
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid }),
    });
    let status: string | undefined;
    child.on('exit', (code, signal) => {
      status = signal ? `signal ${signal}` : `code ${code}`;
    });
    child.on('error', (error) => {
      status = error.message;
    });
    child.unref();
    if (child.pid === undefined) throw new Error(`Could not start ${command}`);
    return { pid: child.pid, exitStatus: () => status };
  } finally {
    closeSync(log);
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/**
 * Alive and still the program we started: a recorded pid may have been reused by an unrelated
 * process since, which must never be reused or killed. Where /proc is missing, liveness must do.
 */
export function isProcessRunning(pid: number, commandMarker: string): boolean {
  if (!isProcessAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').includes(commandMarker);
  } catch {
    return true;
  }
}

// A child that exited but was not yet reaped still answers kill(pid, 0).
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** Asks a process to stop, and kills it if it has not stopped within the timeout. */
export async function stopProcess(pid: number, signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  if (!isProcessAlive(pid)) return;
  signalProcess(pid, signal);
  const stopped = await waitUntil(() => !isProcessAlive(pid), timeoutMs);
  if (stopped) return;
  signalProcess(pid, 'SIGKILL');
  await waitUntil(() => !isProcessAlive(pid), 10_000);
}

function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

export function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls a condition; true once it holds, false when the time is up. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 200,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The last lines of a log file, to explain why a process did not come up. */
export function tailOf(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
