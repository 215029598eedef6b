/**
 * Runs link_with_splink.py in a Python environment of the benchmark's own (bench/.splink-venv,
 * git-ignored), made on first use with `python3 -m venv` and the versions pinned in
 * requirements.txt, and reused while those pins are unchanged. Only the matching benchmark's
 * side-by-side uses it: neither `npm test` nor CI needs Python. When Python or the package index
 * is not there, the answer says so instead of failing the benchmark.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The source tree's bench/, from this file's compiled place, dist/bench/matching/splink/. */
const benchFolder = path.resolve(__dirname, '../../../../bench');
const splinkFolder = path.join(benchFolder, 'matching', 'splink');
const environmentFolder = path.join(benchFolder, '.splink-venv');
const python = path.join(environmentFolder, 'bin', 'python');
const requirements = path.join(splinkFolder, 'requirements.txt');
/** Holds the hash of the requirements the environment was built from. */
const installedMarker = path.join(environmentFolder, 'rekey-requirements.sha256');
const minutes = 60_000;

/** What link_with_splink.py prints as its last line. */
export interface SplinkResult {
  seconds: { read: number; train: number; predict: number; total: number; steps: Record<string, number> };
  counts: { legacy: number; target: number; pairsAboveThreshold: number; links: number };
  /** legacy_id, target_id, probability: at most one target per legacy account. */
  linksFile: string;
  versions: { splink: string; duckdb: string; python: string };
  threads: string;
}

export type SplinkOutcome = { ran: true; result: SplinkResult } | { ran: false; reason: string };

export interface SplinkRun {
  legacyFile: string;
  targetFile: string;
  outFolder: string;
  maxPairs: number;
  timeoutMs: number;
}

export async function linkWithSplink(run: SplinkRun): Promise<SplinkOutcome> {
  const ready = await ensureEnvironment();
  if (ready !== true) return { ran: false, reason: ready };
  const script = path.join(splinkFolder, 'link_with_splink.py');
  const args = [script, '--legacy', run.legacyFile, '--target', run.targetFile, '--out', run.outFolder];
  const finished = await runCommand(
    python,
    [...args, '--max-pairs', String(run.maxPairs)],
    run.timeoutMs,
    true,
  );
  if (finished.code !== 0) return { ran: false, reason: `link_with_splink.py failed: ${finished.failure}` };
  const lastLine = finished.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return { ran: true, result: JSON.parse(lastLine) as SplinkResult };
  } catch {
    return { ran: false, reason: `link_with_splink.py printed no JSON result: ${lastLine.slice(0, 200)}` };
  }
}

/** true when the environment is ready, else why it could not be made. */
async function ensureEnvironment(): Promise<true | string> {
  const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  if (
    existsSync(python) &&
    existsSync(installedMarker) &&
    readFileSync(installedMarker, 'utf8').trim() === wanted
  ) {
    return true;
  }
  const version = await runCommand('python3', ['--version'], minutes, false);
  if (version.code !== 0) return `python3 is not available (${version.failure})`;
  process.stderr.write(`matching: making Splink's Python environment in ${environmentFolder} (once)...\n`);
  const venv = await runCommand('python3', ['-m', 'venv', '--clear', environmentFolder], 5 * minutes, false);
  if (venv.code !== 0) return `python3 -m venv failed (${venv.failure})`;
  const install = await runCommand(
    python,
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', '-r', requirements],
    20 * minutes,
    false,
  );
  if (install.code !== 0)
    return `pip could not install requirements.txt from the package index (${install.failure})`;
  writeFileSync(installedMarker, `${wanted}\n`);
  return true;
}

interface Finished {
  code: number;
  stdout: string;
  /** How it ended, when it failed: the exit and the last line of its error output. */
  failure: string;
}

/** Runs a command to its end or its deadline; stderr is shown as it comes when `showProgress`. */
function runCommand(
  command: string,
  args: string[],
  timeoutMs: number,
  showProgress: boolean,
): Promise<Finished> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', showProgress ? 'inherit' : 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  return new Promise((resolve) => {
    const finish = (code: number, ending: string) => {
      clearTimeout(timer);
      const lastError = Buffer.concat(stderr).toString().trim().split('\n').at(-1) ?? '';
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString(),
        failure: [ending, lastError].filter(Boolean).join(': '),
      });
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(-1, `no answer within ${timeoutMs / 1000} s`);
    }, timeoutMs);
    child.once('error', (error) => finish(-1, error.message));
    child.once('exit', (code, signal) =>
      finish(code ?? -1, code === 0 ? '' : `exited with ${signal ?? `code ${code}`}`),
    );
  });
}
