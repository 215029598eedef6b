import type { ServerResponse } from 'node:http';
import { Body, Controller, Get, Inject, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CustomerFacing } from '@rekey/operator-auth';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { EnrollmentWebConfig } from '../customer-web/enrollment-web.environment';
import { EnrollmentPagesFilter } from '../customer-web/enrollment-pages.filter';
import { sendPage, sendRedirect } from '../customer-web/enrollment-responses';
import { cannotContinuePage, landingPage } from '../customer-web/pages/grant-pages';
import { donePage, methodsPage } from '../customer-web/pages/journey-pages';
import { SameOriginGuard } from '../customer-web/same-origin.guard';
import { isFinished } from '../enrolments/domain/enrolment';
import { enrolmentCookie } from './domain/enrolment-session';
import { CurrentEnrolment, EnrolmentSessionGuard } from './enrolment-session.guard';
import type { SessionWithEnrolment } from './enrolment-session-store.port';
import { StartEnrolment } from './start-enrolment';

// A grant is a compact JWS of a few hundred bytes; anything far longer is not one.
const MAX_GRANT_LENGTH = 4096;

/** The enrolment pages' entry: the landing page, the grant exchange, the methods and done pages. */
@ApiExcludeController()
@Controller('enroll')
@CustomerFacing()
@UseFilters(EnrollmentPagesFilter)
export class SessionsController {
  private readonly secureCookies: boolean;

  constructor(
    private readonly startEnrolment: StartEnrolment,
    @Inject(SERVICE_CONFIG) config: EnrollmentWebConfig,
  ) {
    this.secureCookies = new URL(config.ENROLLMENT_BASE_URL).protocol === 'https:';
  }

  /** Spends nothing: the grant is in the fragment, which only the page's script reads. */
  @Get()
  landing(@Res() response: ServerResponse): void {
    sendPage(response, landingPage());
  }

  @Post('session')
  @UseGuards(SameOriginGuard)
  async exchange(@Body() body: unknown, @Res() response: ServerResponse): Promise<void> {
    const grant = grantOf(body);
    const outcome = grant ? await this.startEnrolment.execute(grant) : { kind: 'refused' as const };
    if (outcome.kind === 'refused') return sendPage(response, cannotContinuePage());
    sendRedirect(response, isFinished(outcome.enrolment) ? '/enroll/done' : '/enroll/methods', {
      'Set-Cookie': enrolmentCookie(outcome.sessionToken, {
        secure: this.secureCookies,
        maxAgeSeconds: outcome.maxAgeSeconds,
      }),
    });
  }

  @Get('methods')
  @UseGuards(EnrolmentSessionGuard)
  methods(@CurrentEnrolment() { enrolment }: SessionWithEnrolment, @Res() response: ServerResponse): void {
    if (isFinished(enrolment)) return sendRedirect(response, '/enroll/done');
    sendPage(response, methodsPage(enrolment));
  }

  @Get('done')
  @UseGuards(EnrolmentSessionGuard)
  done(@CurrentEnrolment() { enrolment }: SessionWithEnrolment, @Res() response: ServerResponse): void {
    if (!isFinished(enrolment)) return sendRedirect(response, '/enroll/methods');
    sendPage(response, donePage(enrolment.targetAccountId));
  }
}

function grantOf(body: unknown): string | undefined {
  const grant = body && typeof body === 'object' ? (body as Record<string, unknown>).grant : undefined;
  if (typeof grant !== 'string') return undefined;
  const trimmed = grant.trim();
  return trimmed.length > 0 && trimmed.length <= MAX_GRANT_LENGTH ? trimmed : undefined;
}
