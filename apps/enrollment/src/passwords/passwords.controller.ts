import type { ServerResponse } from 'node:http';
import { Body, Controller, Get, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CustomerFacing } from '@rekey/operator-auth';
import { EnrollmentPagesFilter } from '../customer-web/enrollment-pages.filter';
import { sendPage, sendRedirect } from '../customer-web/enrollment-responses';
import { formFieldOf } from '../customer-web/form-body';
import { cannotContinuePage } from '../customer-web/pages/grant-pages';
import { passwordPage, strongerSignInNeededPage } from '../customer-web/pages/password-page';
import { isFinished } from '../enrolments/domain/enrolment';
import { CurrentEnrolment, EnrolmentSessionGuard } from '../sessions/enrolment-session.guard';
import type { SessionWithEnrolment } from '../sessions/enrolment-session-store.port';
import { ChoosePasswordRoute } from './choose-password-route';
import { wordsForPasswordRule } from './domain/password-rule-words';
import { FinishPasswordEnrolment } from './finish-password-enrolment';

/** The password page: after the authenticator app, or alone where the wave allows AAL1. */
@ApiExcludeController()
@Controller('enroll/password')
@CustomerFacing()
@UseFilters(EnrollmentPagesFilter)
@UseGuards(EnrolmentSessionGuard)
export class PasswordsController {
  constructor(
    private readonly routes: ChoosePasswordRoute,
    private readonly finishPassword: FinishPasswordEnrolment,
  ) {}

  @Get()
  async page(
    @CurrentEnrolment() { session, enrolment }: SessionWithEnrolment,
    @Res() response: ServerResponse,
  ): Promise<void> {
    if (isFinished(enrolment)) return sendRedirect(response, '/enroll/done');
    const route = await this.routes.execute(enrolment);
    if (!route) return sendPage(response, strongerSignInNeededPage());
    sendPage(
      response,
      passwordPage({
        csrfToken: session.csrfToken,
        withTotp: route.withTotp,
        passwordBridgeEndsAt: enrolment.passwordBridgeEndsAt,
      }),
    );
  }

  @Post()
  async save(
    @CurrentEnrolment() { session, enrolment }: SessionWithEnrolment,
    @Body() body: unknown,
    @Res() response: ServerResponse,
  ): Promise<void> {
    if (isFinished(enrolment)) return sendRedirect(response, '/enroll/done');
    const outcome = await this.finishPassword.execute(enrolment, formFieldOf(body, 'password'));
    switch (outcome.kind) {
      case 'finished':
        return sendRedirect(response, '/enroll/recovery-codes');
      case 'below_minimum':
        return sendPage(response, strongerSignInNeededPage());
      case 'held':
        return sendPage(response, cannotContinuePage());
      case 'totp_not_confirmed':
        return sendRedirect(response, '/enroll/methods');
      case 'refused':
        return sendPage(
          response,
          passwordPage({
            csrfToken: session.csrfToken,
            withTotp: outcome.route.withTotp,
            passwordBridgeEndsAt: enrolment.passwordBridgeEndsAt,
            error: wordsForPasswordRule(outcome.rule, { secondFactor: outcome.route.withTotp }),
          }),
        );
    }
  }
}
