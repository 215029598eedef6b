import { operatorCall } from './operator-call';

/** audit's verification report (GET /operator/audit/verification, documented in its OpenAPI). */
export interface AuditVerificationView {
  valid: boolean;
  records: number;
  checkpoints: number;
  sealedThrough: number;
  unsealedRecords: number;
  headSequence: number;
  firstProblem: { kind: string; sequence: number; detail: string } | null;
  problems: number;
}

/** Walks audit's whole chain and checks every checkpoint's signature, on the service's side. */
export function auditVerification(auditUrl: string, token: string): Promise<AuditVerificationView> {
  return operatorCall<AuditVerificationView>('GET', `${auditUrl}/operator/audit/verification`, token);
}

/** The report as a reader wants it: what was checked, what is not sealed yet, and the verdict. */
export function auditVerificationText(report: AuditVerificationView): string {
  const verdict = report.valid
    ? 'intact'
    : `BROKEN at record ${report.firstProblem?.sequence} (${report.firstProblem?.kind}: ${report.firstProblem?.detail}); ${report.problems} problem(s)`;
  return [
    `  records      ${report.records} in 1 chain (audit-log), head #${report.headSequence}`,
    `  checkpoints  ${report.checkpoints} signed (Ed25519), sealed through #${report.sealedThrough}`,
    `  unsealed     ${report.unsealedRecords} record(s) after the last checkpoint (chained, not yet signed)`,
    `  result       ${verdict}`,
  ].join('\n');
}
