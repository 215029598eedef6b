import { Module } from '@nestjs/common';
import { RecordingConsumer } from './recording.consumer';
import { TimelineController } from './timeline.controller';
import { TimelineQueries } from './timeline-queries';

@Module({ controllers: [TimelineController, RecordingConsumer], providers: [TimelineQueries] })
export class RecordingModule {}
