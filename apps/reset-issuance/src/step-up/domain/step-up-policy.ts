import type { ContactKind, StepUpReasons, VerifiedContact } from '@rekey/contracts';

export type StepUpReason = (typeof StepUpReasons)[number];

const riskySegments: readonly StepUpReason[] = ['privileged', 'delegated', 'shared_contact'];

/** Why this account must prove control again after redeeming its link; empty when it need not. */
export function stepUpReasonsOf(segments: readonly string[], fraudFlagged: boolean): StepUpReason[] {
  const reasons = riskySegments.filter((reason) => segments.includes(reason));
  return fraudFlagged ? [...reasons, 'fraud_flag'] : reasons;
}

/**
 * Where the code goes: a verified contact of the other kind than the one that carried the link,
 * since whoever holds the link's mailbox (or phone) must not be able to pass step-up alone.
 * Undefined when there is none: a support agent must prove the customer's identity instead.
 */
export function stepUpChannelOf(
  linkChannel: ContactKind,
  verifiedContacts: readonly VerifiedContact[],
): VerifiedContact | undefined {
  return verifiedContacts.find((contact) => contact.kind !== linkChannel);
}
