import { setTimeout as sleep } from 'node:timers/promises';
import { auditVerification, type AuditVerificationView } from '../operator-api/audit-verification-api';

/**
 * Audit seals its log on a timer: waits (bounded) until a checkpoint covers every record there was
 * when the wait began, so the verification printed covers the whole run with signatures, not only
 * with hashes. Whatever arrives meanwhile (the checkpoint's own event, say) may stay unsealed.
 */
export async function waitForSeal(
  auditUrl: string,
  token: string,
  timeoutMs = 30_000,
): Promise<AuditVerificationView> {
  const deadline = Date.now() + timeoutMs;
  let report = await auditVerification(auditUrl, token);
  const head = report.headSequence;
  while (report.valid && report.sealedThrough < head && Date.now() < deadline) {
    await sleep(1_000);
    report = await auditVerification(auditUrl, token);
  }
  return report;
}
