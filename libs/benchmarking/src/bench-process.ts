import { spawn } from 'node:child_process';
import path from 'node:path';

export interface BenchProcessOptions {
  /** Node flags of the child, e.g. a heap size: the parent's own flags are not inherited. */
  execArgv?: string[];
  timeoutMs: number;
}

/**
 * Runs a benchmark process (a compiled file under dist/) to completion and returns the JSON it
 * prints on stdout; its progress goes to stderr, straight through. Past the deadline it is
 * killed, so a hung run ends the benchmark instead of blocking it.
 */
export function runBenchProcess<T>(script: string, args: string[], options: BenchProcessOptions): Promise<T> {
  const child = spawn(process.execPath, [...(options.execArgv ?? []), script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const chunks: Buffer[] = [];
  const name = path.basename(script);
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not finish within ${options.timeoutMs / 1000} s`));
    }, options.timeoutMs);
    child.once('error', (error) => (clearTimeout(timer), reject(error)));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`${name} exited with ${signal ?? `code ${code}`}`));
      // The result is the last line: a library that writes to stdout must not break the protocol.
      const output = Buffer.concat(chunks).toString().trim();
      try {
        resolve(JSON.parse(output.slice(output.lastIndexOf('\n') + 1)) as T);
      } catch {
        reject(new Error(`${name} printed no JSON result: ${output.slice(0, 200)}`));
      }
    });
  });
}

/**
 * For the processes themselves: runs `main` and prints its result as JSON on stdout, its last
 * line; a failure goes to stderr with a non-zero exit. It exits once the result is written, as
 * `npm run bench` does, so a client library's idle timer cannot hold the benchmark up.
 */
export function runAsBenchProcess(main: () => Promise<unknown>): void {
  main().then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? error}\n`);
      process.exit(1);
    },
  );
}

/** A benchmark's progress line, on stderr: stdout carries a process's result alone. */
export function progress(benchmark: string, line: string): void {
  process.stderr.write(`${benchmark}: ${line}\n`);
}

/**
 * Where a compiled app's benchmark process lies: `apps/<app>/src/integration/bench/<file>` under
 * dist/, which holds this file at dist/libs/benchmarking/src/. Benchmarks run such processes
 * rather than importing an app, which no other project may do.
 */
export function appBenchProcess(app: string, file: string): string {
  return path.resolve(__dirname, '..', '..', '..', 'apps', app, 'src', 'integration', 'bench', file);
}

export function secondsSince(started: number): number {
  return (performance.now() - started) / 1000;
}
