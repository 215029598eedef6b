import type { IncomingMessage, ServerResponse } from 'node:http';
import { Body, Controller, Get, Inject, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@rekey/background';
import { CustomerFacing } from '@rekey/operator-auth';
import { EnrollmentPagesFilter } from '../customer-web/enrollment-pages.filter';
import { sendPage, sendRedirect } from '../customer-web/enrollment-responses';
import { formFieldOf } from '../customer-web/form-body';
import { totpPage } from '../customer-web/pages/totp-page';
import { TotpCodeRefused } from '../totp/domain/totp.errors';
import { AddTotpAfterSignIn } from './add-totp-after-sign-in';
import { SignInPagesFilter } from './sign-in-pages.filter';
import { SIGN_IN_STORE, type SignedInSession, type SignInStore } from './sign-in-store.port';
import { CurrentSignedIn, SignedInSessionGuard, signedInSessionOf } from './signed-in-session.guard';

/** The account page's authenticator app: a secret to scan, and the code that adds it. */
@ApiExcludeController()
@Controller('account/totp')
@CustomerFacing()
@UseFilters(EnrollmentPagesFilter, SignInPagesFilter)
export class AccountTotpController {
  constructor(
    @Inject(SIGN_IN_STORE) private readonly store: SignInStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly addTotp: AddTotpAfterSignIn,
  ) {}

  @Get()
  async page(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    const session = await signedInSessionOf(request, this.store, this.clock.now());
    if (!session) return sendRedirect(response, '/sign-in');
    const setUp = await this.addTotp.begin(session);
    // An account with an app already (or without a password) has nothing to add here.
    if (!setUp) return sendRedirect(response, '/account');
    sendPage(response, totpPage({ csrfToken: session.csrfToken, setUp, place: 'account' }));
  }

  @Post()
  @UseGuards(SignedInSessionGuard)
  async check(
    @CurrentSignedIn() session: SignedInSession,
    @Body() body: unknown,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const outcome = await this.addTotp.confirm(session, formFieldOf(body, 'code'));
    if (outcome.kind !== 'refused') return sendRedirect(response, '/account');
    const error = new TotpCodeRefused(outcome.refusal).detail ?? '';
    sendPage(
      response,
      totpPage({
        csrfToken: session.csrfToken,
        error,
        place: 'account',
        ...(outcome.setUp ? { setUp: outcome.setUp } : {}),
      }),
    );
  }
}
