import type { ServerResponse } from 'node:http';
import { Body, Controller, Get, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CustomerFacing } from '@rekey/operator-auth';
import { EnrollmentPagesFilter } from '../customer-web/enrollment-pages.filter';
import { sendPage, sendRedirect } from '../customer-web/enrollment-responses';
import { formFieldOf } from '../customer-web/form-body';
import { totpPage } from '../customer-web/pages/totp-page';
import { isFinished } from '../enrolments/domain/enrolment';
import { CurrentEnrolment, EnrolmentSessionGuard } from '../sessions/enrolment-session.guard';
import type { SessionWithEnrolment } from '../sessions/enrolment-session-store.port';
import { BeginTotpEnrolment } from './begin-totp-enrolment';
import { ConfirmTotpFactor } from './confirm-totp-factor';
import { TotpCodeRefused } from './domain/totp.errors';

/** The authenticator-app page: a pending secret to scan, and the code that confirms it. */
@ApiExcludeController()
@Controller('enroll/totp')
@CustomerFacing()
@UseFilters(EnrollmentPagesFilter)
@UseGuards(EnrolmentSessionGuard)
export class TotpController {
  constructor(
    private readonly begin: BeginTotpEnrolment,
    private readonly confirm: ConfirmTotpFactor,
  ) {}

  @Get()
  async page(
    @CurrentEnrolment() { session, enrolment }: SessionWithEnrolment,
    @Res() response: ServerResponse,
  ): Promise<void> {
    if (isFinished(enrolment)) return sendRedirect(response, '/enroll/done');
    const beginning = await this.begin.execute(enrolment);
    if (beginning.kind === 'confirmed') return sendRedirect(response, '/enroll/password');
    sendPage(response, totpPage({ csrfToken: session.csrfToken, setUp: beginning.setUp }));
  }

  @Post()
  async check(
    @CurrentEnrolment() { session, enrolment }: SessionWithEnrolment,
    @Body() body: unknown,
    @Res() response: ServerResponse,
  ): Promise<void> {
    if (isFinished(enrolment)) return sendRedirect(response, '/enroll/done');
    const outcome = await this.confirm.execute(enrolment, formFieldOf(body, 'code'));
    if (outcome.kind === 'confirmed') return sendRedirect(response, '/enroll/password');
    if (outcome.kind === 'no_factor') return sendRedirect(response, '/enroll/totp');
    const error = new TotpCodeRefused(outcome.refusal).detail ?? '';
    sendPage(
      response,
      totpPage({ csrfToken: session.csrfToken, error, ...(outcome.setUp ? { setUp: outcome.setUp } : {}) }),
    );
  }
}
