import { IdentityImportCompletedV1 } from './import-completed.v1';
import { IdentityLinkedV1 } from './linked.v1';
import { IdentityReviewRequiredV1 } from './review-required.v1';
import { IdentityReviewResolvedV1 } from './review-resolved.v1';

export * from './field-evidence';
export * from './import-completed.v1';
export * from './linked.v1';
export * from './review-required.v1';
export * from './review-resolved.v1';
export * from './verified-contact';

export const identityEvents = [
  IdentityImportCompletedV1,
  IdentityLinkedV1,
  IdentityReviewRequiredV1,
  IdentityReviewResolvedV1,
] as const;
