import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What the stack started and where it listens; the next process reuses it instead of starting another. */
export interface StackState {
  kafka?: { pid: number; brokers: string[]; startedAt: string };
  postgres?: { pid: number; adminUrl: string; startedAt: string };
}

function stateFile(stackDir: string): string {
  return path.join(stackDir, 'stack.json');
}

export function readStackState(stackDir: string): StackState {
  const file = stateFile(stackDir);
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StackState;
  } catch {
    return {};
  }
}

/** Written atomically (rename), readable only by its owner: it holds the admin password. */
export function writeStackState(stackDir: string, state: StackState): void {
  const file = stateFile(stackDir);
  if (!state.kafka && !state.postgres) {
    rmSync(file, { force: true });
    return;
  }
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(partial, file);
}
