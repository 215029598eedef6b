import { Module } from '@nestjs/common';
import { FunnelModule } from './funnel/funnel.module';
import { RecordingModule } from './recording/recording.module';

/** Records every event of every service in an append-only log and answers per-account timelines
 * and the migration funnel. */
@Module({ imports: [RecordingModule, FunnelModule] })
export class AuditModule {}
