import { Module } from '@nestjs/common';
import { registerProblemTypes } from '@rekey/problem-details';
import { SessionsModule } from '../sessions/sessions.module';
import { PgRecoveryCodeStore } from './adapters/pg-recovery-code-store.adapter';
import { IssueRecoveryCodes } from './issue-recovery-codes';
import { RECOVERY_CODE_STORE } from './recovery-code-store.port';
import { RecoveryCodesController } from './recovery-codes.controller';
import { recoveryCodeProblemTypes } from './recovery-codes.problem-types';

registerProblemTypes(recoveryCodeProblemTypes);

/** Recovery codes: the page that issues a set after enrolment, and their store for sign-in. */
@Module({
  imports: [SessionsModule],
  controllers: [RecoveryCodesController],
  providers: [IssueRecoveryCodes, { provide: RECOVERY_CODE_STORE, useClass: PgRecoveryCodeStore }],
  exports: [RECOVERY_CODE_STORE, IssueRecoveryCodes],
})
export class RecoveryCodesModule {}
