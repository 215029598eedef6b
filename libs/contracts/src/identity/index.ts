import { IdentityContactsReleasedV1 } from './contacts-released.v1';
import { IdentityImportCompletedV1 } from './import-completed.v1';
import { IdentityLinkedV2 } from './linked.v2';
import { IdentityMatchRunFinishedV1 } from './match-run-finished.v1';
import { IdentityReviewRequiredV1 } from './review-required.v1';
import { IdentityReviewResolvedV1 } from './review-resolved.v1';

export * from './contacts-released.v1';
export * from './field-evidence';
export * from './import-completed.v1';
export * from './linked.v2';
export * from './match-run-finished.v1';
export * from './review-required.v1';
export * from './review-resolved.v1';
export * from './verified-contact';

export const identityEvents = [
  IdentityImportCompletedV1,
  IdentityMatchRunFinishedV1,
  IdentityLinkedV2,
  IdentityContactsReleasedV1,
  IdentityReviewRequiredV1,
  IdentityReviewResolvedV1,
] as const;
