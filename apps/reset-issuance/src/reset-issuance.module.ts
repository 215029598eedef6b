import { Module } from '@nestjs/common';
import { EligibilityModule } from './eligibility/eligibility.module';
import { FraudSignalsModule } from './fraud-signals/fraud-signals.module';
import { HoldsModule } from './holds/holds.module';
import { IssuanceModule } from './issuance/issuance.module';
import { JourneysModule } from './journeys/journeys.module';
import { RedemptionModule } from './redemption/redemption.module';
import { WavesModule } from './waves/waves.module';

/** Plans waves, issues and redeems short-lived single-use reset links, runs step-up and holds. */
@Module({
  imports: [
    HoldsModule,
    EligibilityModule,
    FraudSignalsModule,
    JourneysModule,
    WavesModule,
    IssuanceModule,
    RedemptionModule,
  ],
})
export class ResetIssuanceModule {}
