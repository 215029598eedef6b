import { spawn } from 'node:child_process';
import path from 'node:path';

export interface BenchProcessOptions {
  /** Node flags of the child, e.g. a heap size: the parent's own flags are not inherited. */
  execArgv?: string[];
  timeoutMs: number;
}

/**
 * Runs one of this benchmark's processes (a compiled file beside this one) to completion and
 * returns the JSON it prints on stdout; its progress goes to stderr, straight through. Past the
 * deadline it is killed, so a hung run ends the benchmark instead of blocking it.
 */
export function runBenchProcess<T>(script: string, args: string[], options: BenchProcessOptions): Promise<T> {
  const child = spawn(
    process.execPath,
    [...(options.execArgv ?? []), path.join(__dirname, script), ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${options.timeoutMs / 1000} s`));
    }, options.timeoutMs);
    child.once('error', (error) => (clearTimeout(timer), reject(error)));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`${script} exited with ${signal ?? `code ${code}`}`));
      const output = Buffer.concat(chunks).toString().trim();
      try {
        resolve(JSON.parse(output) as T);
      } catch {
        reject(new Error(`${script} printed no JSON result: ${output.slice(0, 200)}`));
      }
    });
  });
}

/**
 * For the processes themselves: runs `main` and prints its result as JSON on stdout, the only
 * thing printed there; a failure goes to stderr with a non-zero exit.
 */
export function runAsBenchProcess(main: () => Promise<unknown>): void {
  main().then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? error}\n`);
      process.exit(1);
    },
  );
}

export function progress(line: string): void {
  process.stderr.write(`matching: ${line}\n`);
}

export function secondsSince(started: number): number {
  return (performance.now() - started) / 1000;
}
