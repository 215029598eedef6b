import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OperatorTokenVerifier } from '../operator-token-verifier';
import {
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  developmentKeysDir,
  ensureDevelopmentKeyPair,
  ensureDevelopmentKeys,
} from './development-keys';
import { mintOperatorToken } from './mint-operator-token';

describe('development keys', () => {
  let keysDir: string;

  beforeEach(async () => {
    keysDir = path.join(await mkdtemp(path.join(tmpdir(), 'rekey-dev-keys-')), 'dev-keys');
  });

  afterEach(async () => {
    await rm(path.dirname(keysDir), { recursive: true, force: true });
  });

  it('live beside the local stack, under REKEY_STACK_DIR when it is set', () => {
    expect(developmentKeysDir({})).toBe('/tmp/rekey-stack/dev-keys');
    expect(developmentKeysDir({ REKEY_STACK_DIR: '/srv/stack' })).toBe('/srv/stack/dev-keys');
  });

  it('are created once and reused afterwards', async () => {
    const first = await ensureDevelopmentKeys(keysDir);
    const second = await ensureDevelopmentKeys(keysDir);

    expect(second.kid).toBe(first.kid);
    expect(first).toMatchObject({ keysDir, issuer: DEVELOPMENT_ISSUER, audience: DEVELOPMENT_AUDIENCE });
  });

  it('are one key pair even when several processes ask at the same time', async () => {
    const pairs = await Promise.all(Array.from({ length: 5 }, () => ensureDevelopmentKeyPair(keysDir)));

    expect(new Set(pairs.map((pair) => pair.kid)).size).toBe(1);
  });

  it('publish only the public key in the JWKS file, and keep the private one readable by its owner only', async () => {
    const { jwksPath, kid } = await ensureDevelopmentKeys(keysDir);
    const jwks = JSON.parse(await readFile(jwksPath, 'utf8')) as { keys: Array<Record<string, unknown>> };

    expect(jwks.keys).toEqual([
      expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', kid, alg: 'EdDSA', use: 'sig' }),
    ]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const privateKeyMode =
      (await stat(path.join(keysDir, 'operator-signing-key.private.jwk.json'))).mode & 0o777;
    expect(privateKeyMode).toBe(0o600);
  });
});

describe('mintOperatorToken', () => {
  let keysDir: string;

  beforeAll(async () => {
    keysDir = await mkdtemp(path.join(tmpdir(), 'rekey-dev-keys-'));
  });

  afterAll(async () => {
    await rm(keysDir, { recursive: true, force: true });
  });

  it('mints a token that services configured with the development JWKS accept', async () => {
    const { jwksPath } = await ensureDevelopmentKeys(keysDir);
    const verifier = await OperatorTokenVerifier.create({
      jwksPath,
      issuer: DEVELOPMENT_ISSUER,
      audience: DEVELOPMENT_AUDIENCE,
    });

    const token = await mintOperatorToken({
      subject: 'alice@example.com',
      scopes: ['waves:write', 'holds:write'],
      ttlSeconds: 60,
      keysDir,
    });

    expect(await verifier.verify(token)).toEqual({
      subject: 'alice@example.com',
      scopes: ['waves:write', 'holds:write'],
      tokenId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('refuses a lifetime that is not a positive number of seconds', async () => {
    await expect(
      mintOperatorToken({ subject: 'alice@example.com', scopes: [], ttlSeconds: 0, keysDir }),
    ).rejects.toThrow(/positive number of seconds/);
  });
});
