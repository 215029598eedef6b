import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { CircuitBreaker } from './domain/circuit-breaker';
import type { LegacySystemConfig } from './legacy-system.environment';

/** One circuit per process for every call to the legacy system (revocations and holds alike). */
export const LEGACY_CIRCUIT = Symbol('LegacyCircuit');

export const legacyCircuitProvider = {
  provide: LEGACY_CIRCUIT,
  useFactory: (config: LegacySystemConfig) =>
    new CircuitBreaker({
      failureThreshold: config.LEGACY_BREAKER_FAILURES,
      openMs: Math.round(config.LEGACY_BREAKER_OPEN_SECONDS * 1000),
    }),
  inject: [SERVICE_CONFIG],
};
