import type { ServerResponse } from 'node:http';
import { Body, Controller, Get, Header, HttpCode, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CustomerFacing } from '@rekey/operator-auth';
import { EnrollmentPagesFilter } from '../customer-web/enrollment-pages.filter';
import { sendPage, sendRedirect } from '../customer-web/enrollment-responses';
import { passkeyPage } from '../customer-web/pages/passkey-page';
import { isFinished } from '../enrolments/domain/enrolment';
import { CurrentEnrolment, EnrolmentSessionGuard } from '../sessions/enrolment-session.guard';
import type { SessionWithEnrolment } from '../sessions/enrolment-session-store.port';
import { BeginPasskeyCeremony } from './begin-passkey-ceremony';
import type { CeremonyStep } from './passkey-options';
import { FinishPasskeyProof } from './finish-passkey-proof';
import { FinishPasskeyRegistration } from './finish-passkey-registration';

/** The passkey page. */
@ApiExcludeController()
@Controller('enroll/passkey')
@CustomerFacing()
@UseFilters(EnrollmentPagesFilter)
@UseGuards(EnrolmentSessionGuard)
export class PasskeyPageController {
  @Get()
  page(@CurrentEnrolment() { session, enrolment }: SessionWithEnrolment, @Res() response: ServerResponse) {
    if (isFinished(enrolment)) return sendRedirect(response, '/enroll/done');
    sendPage(response, passkeyPage(session.csrfToken, enrolment.status === 'credential_registered'));
  }
}

/**
 * The ceremony calls the passkey page's script makes: JSON in and out, refusals as problem+json
 * (the script shows their `detail`). Each needs the session and its CSRF token.
 */
@ApiExcludeController()
@Controller('enroll/passkey')
@CustomerFacing()
@UseGuards(EnrolmentSessionGuard)
export class PasskeyCeremonyController {
  constructor(
    private readonly begin: BeginPasskeyCeremony,
    private readonly finishRegistration: FinishPasskeyRegistration,
    private readonly finishProof: FinishPasskeyProof,
  ) {}

  @Post('options')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  options(@CurrentEnrolment() found: SessionWithEnrolment): Promise<CeremonyStep> {
    return this.begin.execute(found);
  }

  @Post('registration')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  registration(
    @CurrentEnrolment() found: SessionWithEnrolment,
    @Body() body: unknown,
  ): Promise<CeremonyStep> {
    return this.finishRegistration.execute(found, body);
  }

  @Post('proof')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  proof(
    @CurrentEnrolment() found: SessionWithEnrolment,
    @Body() body: unknown,
  ): Promise<{ location: string }> {
    return this.finishProof.execute(found, body);
  }
}
