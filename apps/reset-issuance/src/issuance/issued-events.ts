import { createEvent, maskContact, ResetTokenIssuedV1, type EventOf } from '@rekey/contracts';
import type { Issuance } from './domain/issuance';

/** The bus learns that a link exists, until when and where it went (masked); never the link. */
export function tokenIssued(issuance: Issuance, now: Date): EventOf<typeof ResetTokenIssuedV1> {
  return createEvent(
    ResetTokenIssuedV1,
    {
      legacyAccountId: issuance.legacyAccountId,
      waveId: issuance.waveId,
      journeyId: issuance.journeyId,
      issuanceId: issuance.id,
      expiresAt: issuance.expiresAt.toISOString(),
      channel: maskContact(issuance.channel.kind, issuance.channel.value),
      trigger: issuance.trigger,
      ...(issuance.supersedes ? { supersedesIssuanceId: issuance.supersedes } : {}),
    },
    { source: 'reset-issuance', subject: issuance.legacyAccountId, journeyId: issuance.journeyId },
    () => now,
  );
}
