import { Module } from '@nestjs/common';
import { CheckpointsModule } from './checkpoints/checkpoints.module';
import { EvidenceModule } from './evidence/evidence.module';
import { FunnelModule } from './funnel/funnel.module';
import { RecordingModule } from './recording/recording.module';
import { VerificationModule } from './verification/verification.module';

/**
 * Records every event of every service in a hash-chained, append-only log, seals it with signed
 * checkpoints, verifies it, exports evidence, and answers timelines and the migration funnel.
 */
@Module({ imports: [RecordingModule, CheckpointsModule, VerificationModule, EvidenceModule, FunnelModule] })
export class AuditModule {}
