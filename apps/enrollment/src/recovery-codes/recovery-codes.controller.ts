import type { ServerResponse } from 'node:http';
import { Controller, Get, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CustomerFacing } from '@rekey/operator-auth';
import { EnrollmentPagesFilter } from '../customer-web/enrollment-pages.filter';
import { sendPage, sendRedirect } from '../customer-web/enrollment-responses';
import { recoveryCodesPage } from '../customer-web/pages/recovery-codes-page';
import { isFinished } from '../enrolments/domain/enrolment';
import { CurrentEnrolment, EnrolmentSessionGuard } from '../sessions/enrolment-session.guard';
import type { SessionWithEnrolment } from '../sessions/enrolment-session-store.port';
import { IssueRecoveryCodes } from './issue-recovery-codes';

/**
 * The recovery codes page, once the new sign-in is set up. Every visit makes a new set and the
 * set before stops working (the page says so): codes are never stored, so none can be shown twice.
 */
@ApiExcludeController()
@Controller('enroll/recovery-codes')
@CustomerFacing()
@UseFilters(EnrollmentPagesFilter)
@UseGuards(EnrolmentSessionGuard)
export class RecoveryCodesController {
  constructor(private readonly issue: IssueRecoveryCodes) {}

  @Get()
  async page(
    @CurrentEnrolment() { enrolment }: SessionWithEnrolment,
    @Res() response: ServerResponse,
  ): Promise<void> {
    if (!isFinished(enrolment)) return sendRedirect(response, '/enroll/methods');
    sendPage(response, recoveryCodesPage(await this.issue.execute(enrolment)));
  }
}
