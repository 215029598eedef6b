import { Module } from '@nestjs/common';
import { RecordingModule } from './recording/recording.module';

/** Records every event of every service in an append-only log and answers per-account timelines. */
@Module({ imports: [RecordingModule] })
export class AuditModule {}
