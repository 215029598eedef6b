import type { Area } from '../topics';

/** The service that publishes each area's topic (its `ce_source`). */
export const AreaProducers: Record<Area, string> = {
  identity: 'identity-matching',
  reset: 'reset-issuance',
  enrollment: 'enrollment',
  session: 'session-revocation',
  fraud: 'fraud-monitoring',
  audit: 'audit',
  migration: 'session-revocation',
};
