import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appBenchProcess, runBenchProcess } from './bench-process';

describe('runBenchProcess', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'rekey-bench-process-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  function script(name: string, source: string): string {
    const file = path.join(folder, name);
    writeFileSync(file, source);
    return file;
  }

  it("returns the JSON of the process's last line, whatever a library printed before it", async () => {
    const file = script(
      'prints.js',
      `console.log('a banner'); console.log(JSON.stringify({ args: process.argv.slice(2) }));`,
    );
    await expect(runBenchProcess(file, ['x', 'y'], { timeoutMs: 30_000 })).resolves.toEqual({
      args: ['x', 'y'],
    });
  });

  it('ends a benchmark process once its result is written, though a timer is still pending', async () => {
    const runner = path.join(__dirname, 'bench-process.ts');
    const file = script(
      'lingers.js',
      `require(${JSON.stringify(path.join(__dirname, '..', '..', '..', 'tools', 'register.cjs'))});
       const { runAsBenchProcess } = require(${JSON.stringify(runner)});
       setInterval(() => {}, 1000);
       runAsBenchProcess(async () => ({ done: true }));`,
    );
    await expect(runBenchProcess(file, [], { timeoutMs: 30_000 })).resolves.toEqual({ done: true });
  });

  it('fails with the exit code when the process fails', async () => {
    const file = script('fails.js', 'process.exit(3);');
    await expect(runBenchProcess(file, [], { timeoutMs: 30_000 })).rejects.toThrow(
      'fails.js exited with code 3',
    );
  });

  it('kills a process that outlives its deadline', async () => {
    const file = script('hangs.js', 'setInterval(() => {}, 1000);');
    await expect(runBenchProcess(file, [], { timeoutMs: 300 })).rejects.toThrow(
      'hangs.js did not finish within 0.3 s',
    );
  });
});

describe('appBenchProcess', () => {
  it("finds an app's compiled benchmark process from the compiled library", () => {
    const workspace = path.resolve(__dirname, '..', '..', '..');
    expect(appBenchProcess('reset-issuance', 'issuance-wave.process.js')).toBe(
      path.join(
        workspace,
        'apps',
        'reset-issuance',
        'src',
        'integration',
        'bench',
        'issuance-wave.process.js',
      ),
    );
  });
});
