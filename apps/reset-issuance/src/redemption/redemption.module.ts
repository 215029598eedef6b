import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@rekey/background';
import { registerProblemTypes } from '@rekey/problem-details';
import { customerWebProblemTypes } from '../customer-web/same-origin.guard';
import { GrantsModule } from '../grants/grants.module';
import { RateLimitsModule } from '../rate-limits/rate-limits.module';
import { StepUpModule } from '../step-up/step-up.module';
import { PgNewLinkRequestStore } from './adapters/pg-new-link-request-store.adapter';
import { PgRedemptionStore } from './adapters/pg-redemption-store.adapter';
import { NEW_LINK_REQUEST_STORE } from './new-link-request-store.port';
import { RedeemResetToken } from './redeem-reset-token';
import { REDEMPTION_STORE } from './redemption-store.port';
import { RedemptionController } from './redemption.controller';
import { RequestNewLink } from './request-new-link';

registerProblemTypes(customerWebProblemTypes);

/** The customer side of a reset link: its page, redemption, step-up and the hand-off to enrollment. */
@Module({
  imports: [RateLimitsModule, GrantsModule, StepUpModule],
  controllers: [RedemptionController],
  providers: [
    RedeemResetToken,
    RequestNewLink,
    { provide: REDEMPTION_STORE, useClass: PgRedemptionStore },
    { provide: NEW_LINK_REQUEST_STORE, useClass: PgNewLinkRequestStore },
    { provide: CLOCK, useValue: systemClock },
  ],
})
export class RedemptionModule {}
