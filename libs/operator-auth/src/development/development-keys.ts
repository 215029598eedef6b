import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/** The issuer and audience of development tokens; `npm start` configures the services with them. */
export const DEVELOPMENT_ISSUER = 'https://rekey.local/dev-issuer';
export const DEVELOPMENT_AUDIENCE = 'rekey-operator-api';

const privateKeyFile = 'operator-signing-key.private.jwk.json';
const jwksFile = 'operator-jwks.json';

export interface DevelopmentKeyPair {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export interface DevelopmentKeys {
  keysDir: string;
  /** The public JWKS, for OPERATOR_JWKS_PATH. */
  jwksPath: string;
  kid: string;
  issuer: string;
  audience: string;
}

/** `${REKEY_STACK_DIR:-/tmp/rekey-stack}/dev-keys`, beside the local stack's data. */
export function developmentKeysDir(environment: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(environment['REKEY_STACK_DIR'] || '/tmp/rekey-stack', 'dev-keys');
}

/**
 * The development Ed25519 signing key, created on first use and kept, so tokens minted today
 * still verify after a restart. Never for production: the private key sits in a plain file.
 */
export async function ensureDevelopmentKeyPair(keysDir = developmentKeysDir()): Promise<DevelopmentKeyPair> {
  const keyPath = path.join(keysDir, privateKeyFile);
  const existing = await readJwk(keyPath);
  if (existing) return keyPairOf(existing);

  await mkdir(keysDir, { recursive: true, mode: 0o700 });
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  const privateJwk: JWK = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'EdDSA', use: 'sig' };
  // Written aside then linked into place: when two processes race, one key wins and both use it.
  const draft = `${keyPath}.${randomUUID()}.tmp`;
  await writeFile(draft, JSON.stringify(privateJwk, null, 2), { mode: 0o600 });
  try {
    await link(draft, keyPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(draft, { force: true });
  }
  const stored = await readJwk(keyPath);
  if (!stored) throw new Error(`The development key ${keyPath} vanished while it was being created`);
  return keyPairOf(stored);
}

/** Writes the public half as a JWKS file (what OPERATOR_JWKS_PATH points at) and returns its path. */
export async function writeDevelopmentJwks(keysDir = developmentKeysDir()): Promise<string> {
  const { publicJwk } = await ensureDevelopmentKeyPair(keysDir);
  const jwksPath = path.join(keysDir, jwksFile);
  const draft = `${jwksPath}.${randomUUID()}.tmp`;
  await writeFile(draft, `${JSON.stringify({ keys: [publicJwk] }, null, 2)}\n`, { mode: 0o644 });
  await rename(draft, jwksPath);
  return jwksPath;
}

/** The key pair and its JWKS file, ready for services started with the development issuer and audience. */
export async function ensureDevelopmentKeys(keysDir = developmentKeysDir()): Promise<DevelopmentKeys> {
  const { kid } = await ensureDevelopmentKeyPair(keysDir);
  const jwksPath = await writeDevelopmentJwks(keysDir);
  return { keysDir, jwksPath, kid, issuer: DEVELOPMENT_ISSUER, audience: DEVELOPMENT_AUDIENCE };
}

async function readJwk(file: string): Promise<JWK | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot read the development key ${file}: ${(error as Error).message}`, { cause: error });
  }
}

function keyPairOf(privateJwk: JWK): DevelopmentKeyPair {
  const { d: _private, ...publicJwk } = privateJwk;
  return { kid: privateJwk.kid as string, privateJwk, publicJwk };
}
