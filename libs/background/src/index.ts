export { CLOCK, systemClock, timeOrderedClock, type Clock } from './clock';
export { backoffDelay, type Backoff } from './backoff';
export {
  BackgroundLoop,
  batchOutcome,
  type BackgroundLoopLog,
  type BackgroundLoopOptions,
  type TickOutcome,
} from './background-loop';
