import type { IncomingMessage, ServerResponse } from 'node:http';
import { Body, Controller, Get, Inject, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CustomerFacing } from '@rekey/operator-auth';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { clientAddressOf } from '@rekey/customer-web';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';
import { CustomerResponses } from '../customer-web/customer-responses';
import { linkPage } from '../customer-web/pages/link-page';
import {
  invalidEntryPage,
  linkUnusablePage,
  newLinkRequestedPage,
} from '../customer-web/pages/outcome-pages';
import { CustomerErrorsFilter } from '../customer-web/customer-errors.filter';
import { SameOriginGuard } from '../customer-web/same-origin.guard';
import { stepUpCookie } from '../step-up/domain/step-up-session';
import { requestedAddressOf } from './domain/new-link-request';
import { presentedCredentialOf } from './domain/redemption';
import { RedeemResetToken } from './redeem-reset-token';
import { RequestNewLink } from './request-new-link';

/** The pages a reset link opens. Customer routes: operator tokens are refused here. */
@ApiExcludeController()
@Controller('reset')
@CustomerFacing()
@UseFilters(CustomerErrorsFilter)
export class RedemptionController {
  private readonly responses: CustomerResponses;
  private readonly secureCookies: boolean;

  constructor(
    private readonly redeemResetToken: RedeemResetToken,
    private readonly requestNewLink: RequestNewLink,
    @Inject(SERVICE_CONFIG) private readonly config: CustomerJourneyConfig,
  ) {
    this.responses = new CustomerResponses(config.ENROLLMENT_URL);
    this.secureCookies = new URL(config.RESET_BASE_URL).protocol === 'https:';
  }

  /** Spends nothing: mail scanners prefetch links, and the token is in the fragment anyway. */
  @Get()
  page(@Res() response: ServerResponse): void {
    this.responses.page(response, linkPage());
  }

  @Post('redeem')
  @UseGuards(SameOriginGuard)
  async redeem(@Req() request: IncomingMessage, @Body() body: unknown, @Res() response: ServerResponse) {
    const outcome = await this.redeemResetToken.execute({
      credential: presentedCredentialOf(body),
      client: { ipAddress: clientAddressOf(request, this.config.TRUST_PROXY) },
    });
    switch (outcome.kind) {
      case 'enroll':
        return this.responses.redirect(response, outcome.location);
      case 'step_up':
        return this.responses.redirect(response, '/reset/step-up', {
          'Set-Cookie': stepUpCookie(outcome.session, {
            secure: this.secureCookies,
            maxAgeSeconds: outcome.maxAgeSeconds,
          }),
        });
      case 'rate_limited':
        return this.responses.tooManyAttempts(response, outcome.retryAfterSeconds);
      case 'failed':
        return this.responses.page(response, linkUnusablePage());
    }
  }

  /** The same page for any address; issuance's scheduler decides later whether to send a link. */
  @Post('request-link')
  @UseGuards(SameOriginGuard)
  async requestLink(@Req() request: IncomingMessage, @Body() body: unknown, @Res() response: ServerResponse) {
    const outcome = await this.requestNewLink.execute({
      email: requestedAddressOf(body),
      ipAddress: clientAddressOf(request, this.config.TRUST_PROXY),
    });
    if (outcome.kind === 'rate_limited')
      return this.responses.tooManyAttempts(response, outcome.retryAfterSeconds);
    if (outcome.kind === 'invalid') return this.responses.page(response, invalidEntryPage());
    return this.responses.page(response, newLinkRequestedPage());
  }
}
