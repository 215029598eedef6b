import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CLOCK, systemClock } from '@rekey/background';
import { registerProblemTypes } from '@rekey/problem-details';
import { AssetsController } from '../customer-web/assets.controller';
import { EnrolmentsModule } from '../enrolments/enrolments.module';
import { HoldsModule } from '../holds/holds.module';
import { JwksGrantVerifier } from './adapters/jwks-grant-verifier.adapter';
import { PgEnrolmentSessionStore } from './adapters/pg-enrolment-session-store.adapter';
import { enrolmentSessionProblemTypes } from './domain/enrolment-session.errors';
import { EnrolmentSessionGuard } from './enrolment-session.guard';
import { ENROLMENT_SESSION_STORE } from './enrolment-session-store.port';
import { GRANT_VERIFIER } from './grant-verifier.port';
import { JourneySpanInterceptor } from './journey-span.interceptor';
import { SessionsController } from './sessions.controller';
import { StartEnrolment } from './start-enrolment';

registerProblemTypes(enrolmentSessionProblemTypes);

/** The grant exchange and the customer session every enrolment page runs in. */
@Module({
  imports: [HoldsModule, EnrolmentsModule],
  controllers: [SessionsController, AssetsController],
  providers: [
    StartEnrolment,
    EnrolmentSessionGuard,
    { provide: GRANT_VERIFIER, useClass: JwksGrantVerifier },
    { provide: ENROLMENT_SESSION_STORE, useClass: PgEnrolmentSessionStore },
    { provide: CLOCK, useValue: systemClock },
    // Global, so every controller guarded by an enrolment session runs in the journey's trace.
    { provide: APP_INTERCEPTOR, useClass: JourneySpanInterceptor },
  ],
  exports: [EnrolmentSessionGuard, ENROLMENT_SESSION_STORE, CLOCK],
})
export class SessionsModule {}
