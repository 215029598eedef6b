import type { EntityManager } from 'typeorm';
import type { FraudFlag } from './domain/fraud-flag';

export const FRAUD_FLAG_STORE = Symbol('FraudFlagStore');

/** Fraud flags; writes join the caller's transaction (the consumer's inbox transaction). */
export interface FraudFlagStore {
  /** Records the flag; false when its signal had already flagged the account. */
  record(manager: EntityManager, flag: FraudFlag): Promise<boolean>;
}
