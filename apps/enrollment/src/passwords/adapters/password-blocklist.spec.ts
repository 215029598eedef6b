import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { checkPassword } from '../domain/password-policy';
import { loadPasswordBlocklist, readBlocklist } from './password-blocklist';

describe('the shipped password blocklist', () => {
  let blocklist: ReadonlySet<string>;

  beforeAll(async () => {
    blocklist = await loadPasswordBlocklist();
  }, 60_000);

  it('holds more than 100,000 passwords long enough to matter', () => {
    expect(blocklist.size).toBeGreaterThanOrEqual(100_000);
    expect([...blocklist].filter((entry) => [...entry].length < 8)).toEqual([]);
  });

  it('holds common passwords, in lower case, and not a random string', () => {
    expect(blocklist.has('password1234')).toBe(true);
    expect(blocklist.has('iloveyou')).toBe(true);
    expect(blocklist.has(randomBytes(12).toString('base64url').toLowerCase())).toBe(false);
  });

  it('keeps nothing checkPassword would refuse first: no entry under 8 characters, no control character', () => {
    expect(blocklist.has('123456')).toBe(false);
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect([...blocklist].some((entry) => /[\u0000-\u001f\u007f-\u009f]/.test(entry))).toBe(false);
  });

  it('is read once: every caller gets the same set', async () => {
    expect(await loadPasswordBlocklist()).toBe(blocklist);
  });

  it('refuses listed passwords through checkPassword, whatever their case', () => {
    const context = { secondFactor: true, contextWords: [], blocklist };

    for (const password of ['password1234', 'Password1234', 'PASSWORD1234', 'tRuStNo1', 'IloveYou123']) {
      const check = checkPassword(password, context);
      expect(check.accepted ? 'accepted' : check.refusal.code).toBe('password.blocklisted');
    }
    expect(checkPassword('a quiet octopus paints the harbour', context).accepted).toBe(true);
  });
});

describe('readBlocklist', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'rekey-blocklist-'));
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('drops carriage returns, short entries and control characters, and folds case and NFKC', async () => {
    const file = path.join(folder, 'list.txt.gz');
    const lines = ['Sunshine1\r', 'short', 'with\ttab1', 'ＦＵＬＬＷＩＤＴＨ', 'cafe\u0301cafe\u0301', ''];
    await writeFile(file, gzipSync(lines.join('\n')));

    expect([...(await readBlocklist(file))].sort()).toEqual(['caf\u00e9caf\u00e9', 'fullwidth', 'sunshine1']);
  });

  it('fails, rather than give an empty list, for a missing or corrupt file', async () => {
    const corrupt = path.join(folder, 'corrupt.txt.gz');
    await writeFile(corrupt, 'password1234\n');

    await expect(readBlocklist(path.join(folder, 'missing.txt.gz'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
    await expect(readBlocklist(corrupt)).rejects.toMatchObject({ code: 'Z_DATA_ERROR' });
  });
});
