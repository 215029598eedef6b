import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { AuditConfig } from '../audit.environment';
import { CheckpointSealer } from './checkpoint-sealer';
import { JwksController } from './jwks.controller';
import { CHECKPOINT_SIGNING_KEY, loadCheckpointSigningKey } from './signing-key';

@Module({
  controllers: [JwksController],
  providers: [
    CheckpointSealer,
    {
      provide: CHECKPOINT_SIGNING_KEY,
      inject: [SERVICE_CONFIG],
      useFactory: (config: AuditConfig) => loadCheckpointSigningKey(config),
    },
  ],
  exports: [CHECKPOINT_SIGNING_KEY, CheckpointSealer],
})
export class CheckpointsModule {}
