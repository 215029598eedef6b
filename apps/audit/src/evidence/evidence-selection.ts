import { z } from 'zod';

/** Which records an export holds in full: one account's, one journey's or one wave's. */
export const EvidenceSelection = z.union([
  z.object({ account: z.string().min(1).max(255) }).strict(),
  z.object({ journey: z.uuid() }).strict(),
  z.object({ wave: z.uuid() }).strict(),
]);
export type EvidenceSelection = z.infer<typeof EvidenceSelection>;

/** The selection as a condition on audit_record, its one parameter bound as $3. */
export function selectionFilter(selection: EvidenceSelection): { where: string; value: string } {
  if ('account' in selection) return { where: 'subject = $3', value: selection.account };
  if ('journey' in selection) return { where: 'journey_id = $3::uuid', value: selection.journey };
  // A wave's records: those naming it, and every record of a journey some record ties to it.
  return {
    where: `data->>'waveId' = $3 OR journey_id IN (
      SELECT journey_id FROM audit_record WHERE data->>'waveId' = $3 AND journey_id IS NOT NULL)`,
    value: selection.wave,
  };
}
