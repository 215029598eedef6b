import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { developmentKeysDir } from '@rekey/operator-auth';
import { readOrCreateSecretFile } from '@rekey/service-runtime';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';

export const STEP_UP_CODE_KEY = Symbol('StepUpCodeKey');

/**
 * The HMAC key of step-up codes: STEP_UP_CODE_KEY, required in production; elsewhere a random
 * key generated once beside the operator development keys, so every local replica shares it.
 */
export async function loadStepUpCodeKey(config: CustomerJourneyConfig): Promise<Buffer> {
  if (config.STEP_UP_CODE_KEY) return Buffer.from(config.STEP_UP_CODE_KEY, 'utf8');
  if (config.NODE_ENV === 'production') {
    throw new Error('STEP_UP_CODE_KEY: must be set in production (at least 32 characters)');
  }
  const file = path.join(developmentKeysDir(), 'step-up-code-key');
  return Buffer.from(await readOrCreateSecretFile(file, () => randomBytes(32).toString('base64url')), 'utf8');
}
