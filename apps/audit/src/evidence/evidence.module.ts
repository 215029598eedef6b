import { Module } from '@nestjs/common';
import { ChainModule } from '../chain/chain.module';
import { CheckpointsModule } from '../checkpoints/checkpoints.module';
import { EvidenceController } from './evidence.controller';
import { ExportEvidence } from './export-evidence';

@Module({
  imports: [ChainModule, CheckpointsModule],
  controllers: [EvidenceController],
  providers: [ExportEvidence],
})
export class EvidenceModule {}
