import { z } from 'zod';
import { SEALING_KEY_BYTES, SEALING_KEY_ID } from './domain/totp-secret-sealing';

// 32 bytes as base64 or base64url, padded or not. Node's decoder takes both alphabets.
const KEY_TEXT = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * The variables of the TOTP factor. Spread into the service's environment in
 * enrollment.definition.ts; the TOTP module reads them as TotpConfig, so it never imports the
 * definition. NODE_ENV is the service's: production requires the sealing keys.
 */
export const totpEnvironment = {
  /** Shown by authenticator apps above the account; no colon (the key URI format splits on it). */
  TOTP_ISSUER: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[^:]+$/, 'must not contain ":"')
    .default('Rekey'),
  /**
   * The AES-256-GCM keys TOTP secrets are sealed with, `<key id>:<32 bytes as base64>`, comma
   * separated (`k2:…,k1:…`): the active key and every retired key that still opens stored
   * secrets. Required in production; a generated development key elsewhere.
   */
  TOTP_SEALING_KEYS: z
    .string()
    .optional()
    .superRefine((value, context) => {
      if (value === undefined) return;
      try {
        parseSealingKeyList(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  /** The key id of TOTP_SEALING_KEYS new secrets are sealed with. */
  TOTP_SEALING_ACTIVE_KEY_ID: z
    .string()
    .regex(SEALING_KEY_ID, 'must be 1 to 32 letters, digits, ".", "_" or "-"')
    .optional(),
};

export type TotpConfig = z.infer<z.ZodObject<typeof totpEnvironment>> & { NODE_ENV?: string };

/**
 * `k2:<base64>,k1:<base64>` as key ids and keys. Messages name the entry by position and key id,
 * never its key. Throws on a malformed entry, a key that is not 32 bytes or a repeated id.
 */
export function parseSealingKeyList(text: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  const entries = text.split(',').map((entry) => entry.trim());
  entries.forEach((entry, index) => {
    const separator = entry.indexOf(':');
    const keyId = separator < 0 ? '' : entry.slice(0, separator);
    const keyText = separator < 0 ? '' : entry.slice(separator + 1);
    const where = `entry ${index + 1}${SEALING_KEY_ID.test(keyId) ? ` (${keyId})` : ''}`;
    if (!SEALING_KEY_ID.test(keyId)) {
      throw new Error(
        `${where}: expected <key id>:<key>, the key id 1 to 32 letters, digits, ".", "_" or "-"`,
      );
    }
    const key = Buffer.from(keyText, 'base64');
    if (!KEY_TEXT.test(keyText) || key.length !== SEALING_KEY_BYTES) {
      throw new Error(
        `${where}: the key must be ${SEALING_KEY_BYTES} random bytes as base64 (openssl rand -base64 32)`,
      );
    }
    if (keys.has(keyId)) throw new Error(`${where}: key id ${keyId} appears twice`);
    keys.set(keyId, key);
  });
  return keys;
}
