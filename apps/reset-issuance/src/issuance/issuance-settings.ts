import type { IssuanceConfig } from './issuance.environment';

/** The configuration the scheduler and its use cases read. */
export type IssuanceSettings = Pick<
  IssuanceConfig,
  | 'RESET_BASE_URL'
  | 'ISSUANCE_BATCH_SIZE'
  | 'SEND_CONCURRENCY'
  | 'DELIVERY_LEASE_SECONDS'
  | 'DELIVERY_MAX_IN_FLIGHT'
  | 'REISSUE_COOLDOWN_SECONDS'
  | 'SCHEDULER_TICK_MS'
>;

/** Where the scheduler reports failures; pino's logger fits. Never given a token, link or message. */
export interface SchedulerLog {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

export const SCHEDULER_LOG = Symbol('SchedulerLog');
