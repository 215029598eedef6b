import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { withStackLock } from './stack-lock';

describe('withStackLock', () => {
  let stackDir: string;

  beforeEach(() => {
    stackDir = mkdtempSync(path.join(tmpdir(), 'stack-lock-'));
  });

  afterEach(() => {
    rmSync(stackDir, { recursive: true, force: true });
  });

  it('lets one caller work at a time', async () => {
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`${name} starts`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      events.push(`${name} ends`);
    };

    await Promise.all([withStackLock(stackDir, work('first')), withStackLock(stackDir, work('second'))]);

    expect(events).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
  });

  it('takes over a lock left behind by a process that died', async () => {
    const deadPid = spawnSync('true').pid;
    writeFileSync(path.join(stackDir, 'stack.lock'), String(deadPid));

    const result = await withStackLock(stackDir, async () => 'done', 2_000);

    expect(result).toBe('done');
  });

  it('releases the lock when the work fails', async () => {
    await expect(
      withStackLock(stackDir, async () => {
        throw new Error('broker did not start');
      }),
    ).rejects.toThrow('broker did not start');

    expect(existsSync(path.join(stackDir, 'stack.lock'))).toBe(false);
  });
});
