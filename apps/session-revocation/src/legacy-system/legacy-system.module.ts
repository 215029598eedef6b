import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { HttpLegacySystem } from './adapters/http-legacy-system.adapter';
import { legacyCircuitProvider } from './legacy-circuit';
import { legacyApiSettings, type LegacySystemConfig } from './legacy-system.environment';
import { LEGACY_SYSTEM } from './legacy-system.port';

/** The legacy system behind its port (the generic HTTP adapter) and the circuit in front of it. */
@Module({
  providers: [
    {
      provide: LEGACY_SYSTEM,
      useFactory: (config: LegacySystemConfig) => new HttpLegacySystem(legacyApiSettings(config)),
      inject: [SERVICE_CONFIG],
    },
    legacyCircuitProvider,
  ],
  exports: [LEGACY_SYSTEM, legacyCircuitProvider.provide],
})
export class LegacySystemModule {}
