import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { newTotpSecret } from './domain/totp-secret';
import { TotpSecretSealer } from './domain/totp-secret-sealing';
import { loadTotpSealingKeys } from './totp-sealing-keys';
import { totpEnvironment, type TotpConfig } from './totp.environment';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const Environment = z.object(totpEnvironment);

function parsed(environment: Record<string, string>): TotpConfig {
  return Environment.parse(environment);
}

function issuesOf(environment: Record<string, string>): string[] {
  const result = Environment.safeParse(environment);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`);
}

let keysDir: string;

beforeEach(async () => {
  keysDir = await mkdtemp(path.join(os.tmpdir(), 'totp-keys-'));
});

afterEach(async () => {
  await rm(keysDir, { recursive: true, force: true });
});

describe('totpEnvironment', () => {
  it('defaults the issuer to Rekey and leaves the keys unset', () => {
    expect(parsed({})).toEqual({ TOTP_ISSUER: 'Rekey' });
  });

  it('takes a key ring of base64 or base64url keys, padded or not', () => {
    const value = `k2:${k2.toString('base64')},k1:${k1.toString('base64url')}`;
    expect(issuesOf({ TOTP_SEALING_KEYS: value, TOTP_SEALING_ACTIVE_KEY_ID: 'k2' })).toEqual([]);
  });

  it.each([
    ['a key of 16 bytes', `k1:${randomBytes(16).toString('base64')}`, /entry 1 \(k1\): the key must be 32/],
    ['no key id', k1.toString('base64'), /entry 1: expected <key id>:<key>/],
    ['a key id with spaces', `k 1:${k1.toString('base64')}`, /entry 1: expected/],
    [
      'a repeated key id',
      `k1:${k1.toString('base64')},k1:${k2.toString('base64')}`,
      /entry 2 \(k1\): key id k1 appears twice/,
    ],
    ['an empty entry', `k1:${k1.toString('base64')},`, /entry 2: expected/],
    ['a key that is not base64', `k1:${'!'.repeat(43)}=`, /entry 1 \(k1\): the key must be 32/],
  ])('refuses %s, naming the variable and never echoing a key', (_, value, message) => {
    const issues = issuesOf({ TOTP_SEALING_KEYS: value });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^TOTP_SEALING_KEYS: /);
    expect(issues[0]).toMatch(message);
    for (const key of [k1, k2]) {
      expect(issues[0]).not.toContain(key.toString('base64'));
      expect(issues[0]).not.toContain(key.toString('base64url'));
    }
  });

  it('refuses an issuer with a colon and an active key id with spaces', () => {
    expect(issuesOf({ TOTP_ISSUER: 'Re:key' })).toEqual(['TOTP_ISSUER: must not contain ":"']);
    expect(issuesOf({ TOTP_SEALING_ACTIVE_KEY_ID: 'k 1' })[0]).toMatch(/^TOTP_SEALING_ACTIVE_KEY_ID: /);
  });
});

describe('loadTotpSealingKeys', () => {
  const ring = `k2:${k2.toString('base64')},k1:${k1.toString('base64')}`;

  it('refuses to start in production without TOTP_SEALING_KEYS', async () => {
    await expect(
      loadTotpSealingKeys({ ...parsed({}), NODE_ENV: 'production' }, { developmentKeysDir: keysDir }),
    ).rejects.toThrow(/^TOTP_SEALING_KEYS: must be set in production/);
  });

  it('refuses to start in production without TOTP_SEALING_ACTIVE_KEY_ID', async () => {
    const config = { ...parsed({ TOTP_SEALING_KEYS: ring }), NODE_ENV: 'production' };
    await expect(loadTotpSealingKeys(config, { developmentKeysDir: keysDir })).rejects.toThrow(
      /^TOTP_SEALING_ACTIVE_KEY_ID: must be set in production/,
    );
  });

  it('never falls back to a development key in production', async () => {
    await expect(
      loadTotpSealingKeys({ ...parsed({}), NODE_ENV: 'production' }, { developmentKeysDir: keysDir }),
    ).rejects.toThrow();
    await expect(stat(path.join(keysDir, 'totp-sealing-key'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses an active key id the ring does not hold', async () => {
    const config = {
      ...parsed({ TOTP_SEALING_KEYS: ring, TOTP_SEALING_ACTIVE_KEY_ID: 'k3' }),
      NODE_ENV: 'production',
    };
    await expect(loadTotpSealingKeys(config)).rejects.toThrow(
      /^TOTP_SEALING_ACTIVE_KEY_ID: k3 is not a key id of TOTP_SEALING_KEYS/,
    );
  });

  it('gives the configured ring, every key by its id, sealing with the active one', async () => {
    const config = {
      ...parsed({ TOTP_SEALING_KEYS: ring, TOTP_SEALING_ACTIVE_KEY_ID: 'k2' }),
      NODE_ENV: 'production',
    };
    const loaded = await loadTotpSealingKeys(config);
    expect(loaded.activeKeyId).toBe('k2');
    expect([...loaded.keys]).toEqual([
      ['k2', k2],
      ['k1', k1],
    ]);
    const secret = newTotpSecret(randomBytes);
    const sealedWithK1 = new TotpSecretSealer({ activeKeyId: 'k1', keys: new Map([['k1', k1]]) }).seal(
      'a',
      secret,
    );
    expect(new TotpSecretSealer(loaded).open('a', sealedWithK1).bytes()).toEqual(secret.bytes());
  });

  it('asks for both variables outside production once one is set', async () => {
    await expect(
      loadTotpSealingKeys(parsed({ TOTP_SEALING_KEYS: ring }), { developmentKeysDir: keysDir }),
    ).rejects.toThrow(/^TOTP_SEALING_ACTIVE_KEY_ID: must be set with the other/);
    await expect(
      loadTotpSealingKeys(parsed({ TOTP_SEALING_ACTIVE_KEY_ID: 'k1' }), { developmentKeysDir: keysDir }),
    ).rejects.toThrow(/^TOTP_SEALING_KEYS: must be set with the other/);
  });

  it('outside production, generates one development key and keeps it across restarts', async () => {
    const first = await loadTotpSealingKeys(
      { ...parsed({}), NODE_ENV: 'development' },
      { developmentKeysDir: keysDir },
    );
    const second = await loadTotpSealingKeys(parsed({}), { developmentKeysDir: keysDir });

    expect(first.activeKeyId).toBe('dev');
    expect(first.keys.get('dev')).toHaveLength(32);
    expect(second.keys.get('dev')).toEqual(first.keys.get('dev'));
    const file = path.join(keysDir, 'totp-sealing-key');
    expect(Buffer.from(await readFile(file, 'utf8'), 'base64url')).toEqual(first.keys.get('dev'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const secret = newTotpSecret(randomBytes);
    const sealed = new TotpSecretSealer(first).seal('legacy-1', secret);
    expect(new TotpSecretSealer(second).open('legacy-1', sealed).bytes()).toEqual(secret.bytes());
  });
});
