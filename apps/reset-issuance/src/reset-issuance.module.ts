import { Module } from '@nestjs/common';
import { HoldsModule } from './holds/holds.module';

/** Plans waves, issues and redeems short-lived single-use reset links, runs step-up and holds. */
@Module({ imports: [HoldsModule] })
export class ResetIssuanceModule {}
