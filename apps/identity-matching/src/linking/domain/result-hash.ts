import { hash } from 'node:crypto';
import type { MatchResult } from '../../matching';

/**
 * A digest of everything a run stores about one account: equal digests mean the run found exactly
 * what the previous one did, so the account is skipped without reading its row back. The spelled-out
 * evidence is left out: it follows from the comparison, which is in.
 */
export function resultHashOf(result: MatchResult): string {
  const { evidence: _spelledOut, ...stored } = result;
  return hash('md5', JSON.stringify(stored), 'base64');
}
