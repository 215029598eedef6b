import { IdentityLinkedV1 } from './linked.v1';
import { IdentityReviewRequiredV1 } from './review-required.v1';
import { IdentityReviewResolvedV1 } from './review-resolved.v1';

export * from './field-evidence';
export * from './linked.v1';
export * from './review-required.v1';
export * from './review-resolved.v1';

export const identityEvents = [IdentityLinkedV1, IdentityReviewRequiredV1, IdentityReviewResolvedV1] as const;
