import { Module } from '@nestjs/common';
import { RecordingConsumer } from './recording.consumer';
import { TimelineController } from './timeline.controller';

@Module({ controllers: [TimelineController], providers: [RecordingConsumer] })
export class RecordingModule {}
