import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { developmentKeysDir } from '@rekey/operator-auth';
import { readOrCreateSecretFile } from '@rekey/service-runtime';
import { SEALING_KEY_BYTES, TotpSecretSealer, type SealingKeyRing } from './domain/totp-secret-sealing';
import { parseSealingKeyList, type TotpConfig } from './totp.environment';

export const TOTP_SECRET_SEALER = Symbol('TotpSecretSealer');

/** The key id of the generated development key: production keys name their own ids. */
export const DEVELOPMENT_SEALING_KEY_ID = 'dev';
const DEVELOPMENT_KEY_FILE = 'totp-sealing-key';
/**
 * The sealing key ring from TOTP_SEALING_KEYS and TOTP_SEALING_ACTIVE_KEY_ID. Production requires
 * both. Elsewhere, with neither set, a random key generated once beside the operator development
 * keys, so every local replica (and every restart) opens what another sealed.
 */
export async function loadTotpSealingKeys(
  config: TotpConfig,
  options: { developmentKeysDir?: string } = {},
): Promise<SealingKeyRing> {
  const { TOTP_SEALING_KEYS: keyList, TOTP_SEALING_ACTIVE_KEY_ID: activeKeyId } = config;
  if (keyList !== undefined || activeKeyId !== undefined || config.NODE_ENV === 'production') {
    if (keyList === undefined) {
      throw new Error(`TOTP_SEALING_KEYS: ${requirement(config)} (<key id>:<32 bytes as base64>[,...])`);
    }
    if (activeKeyId === undefined) {
      throw new Error(
        `TOTP_SEALING_ACTIVE_KEY_ID: ${requirement(config)} (the key id new secrets are sealed with)`,
      );
    }
    const keys = parseKeys(keyList);
    if (!keys.has(activeKeyId)) {
      throw new Error(`TOTP_SEALING_ACTIVE_KEY_ID: ${activeKeyId} is not a key id of TOTP_SEALING_KEYS`);
    }
    return { activeKeyId, keys };
  }
  const file = path.join(options.developmentKeysDir ?? developmentKeysDir(), DEVELOPMENT_KEY_FILE);
  const key = await readOrCreateSecretFile(file, () => randomBytes(SEALING_KEY_BYTES).toString('base64url'));
  const keys = parseKeys(`${DEVELOPMENT_SEALING_KEY_ID}:${key.trim()}`, file);
  return { activeKeyId: DEVELOPMENT_SEALING_KEY_ID, keys };
}

export async function loadTotpSecretSealer(config: TotpConfig): Promise<TotpSecretSealer> {
  return new TotpSecretSealer(await loadTotpSealingKeys(config));
}

function requirement(config: TotpConfig): string {
  return config.NODE_ENV === 'production'
    ? 'must be set in production'
    : 'must be set with the other TOTP sealing variable';
}

function parseKeys(text: string, source = 'TOTP_SEALING_KEYS'): Map<string, Buffer> {
  try {
    return parseSealingKeyList(text);
  } catch (error) {
    throw new Error(`${source}: ${(error as Error).message}`);
  }
}
