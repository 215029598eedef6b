import { createHash } from 'node:crypto';
import type { MatchResult } from '../../matching';

/**
 * A digest of everything a run stores about one account: equal digests mean the run found exactly
 * what the previous one did, so the account is skipped without reading its row back.
 */
export function resultHashOf(result: MatchResult): string {
  return createHash('md5').update(JSON.stringify(result)).digest('base64');
}
