import { mkdirSync, openSync, closeSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from './detached-process';

/**
 * Runs `work` while holding the stack's lock file, so that several Jest processes and `npm start`
 * starting at once agree on one broker and one database. A lock left by a process that died is
 * taken over.
 */
export async function withStackLock<T>(
  stackDir: string,
  work: () => Promise<T>,
  timeoutMs = 300_000,
): Promise<T> {
  mkdirSync(stackDir, { recursive: true });
  const lockFile = path.join(stackDir, 'stack.lock');
  const deadline = Date.now() + timeoutMs;
  while (!tryLock(lockFile)) {
    const holder = lockHolder(lockFile);
    if (holder !== undefined && !isProcessAlive(holder)) {
      releaseIfHeldBy(lockFile, holder);
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${lockFile} (held by process ${holder ?? 'unknown'})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    return await work();
  } finally {
    releaseIfHeldBy(lockFile, process.pid);
  }
}

function tryLock(lockFile: string): boolean {
  let descriptor: number;
  try {
    descriptor = openSync(lockFile, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(descriptor, String(process.pid));
  } finally {
    closeSync(descriptor);
  }
  return true;
}

function lockHolder(lockFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function releaseIfHeldBy(lockFile: string, pid: number): void {
  if (lockHolder(lockFile) === pid) rmSync(lockFile, { force: true });
}
