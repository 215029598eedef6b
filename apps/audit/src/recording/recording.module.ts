import { Module } from '@nestjs/common';
import { ChainModule } from '../chain/chain.module';
import { RecordingConsumer } from './recording.consumer';
import { JourneyTimelineController, TimelineController } from './timeline.controller';
import { TimelineQueries } from './timeline-queries';

@Module({
  imports: [ChainModule],
  controllers: [TimelineController, JourneyTimelineController, RecordingConsumer],
  providers: [TimelineQueries],
})
export class RecordingModule {}
