import { Module } from '@nestjs/common';
import { ChainModule } from '../chain/chain.module';
import { CheckpointsModule } from '../checkpoints/checkpoints.module';
import { VerificationController } from './verification.controller';
import { VerifyChain } from './verify-chain';

@Module({
  imports: [ChainModule, CheckpointsModule],
  controllers: [VerificationController],
  providers: [VerifyChain],
  exports: [VerifyChain],
})
export class VerificationModule {}
