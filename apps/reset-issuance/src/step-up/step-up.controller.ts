import type { IncomingMessage, ServerResponse } from 'node:http';
import { Body, Controller, Get, Inject, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CustomerFacing } from '@rekey/operator-auth';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { clientAddressOf } from '@rekey/customer-web';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';
import { CustomerResponses } from '../customer-web/customer-responses';
import {
  stepUpCodePage,
  stepUpUnavailablePage,
  supportProofingPage,
} from '../customer-web/pages/outcome-pages';
import { CustomerErrorsFilter } from '../customer-web/customer-errors.filter';
import { SameOriginGuard } from '../customer-web/same-origin.guard';
import { acceptsCodes } from './domain/step-up-challenge';
import { clearedStepUpCookie, stepUpSessionHash, stepUpSessionOf } from './domain/step-up-session';
import { STEP_UP_STORE, type StepUpStore } from './step-up-store.port';
import { VerifyStepUpCode } from './verify-step-up-code';

/** The code field as typed, bounded; anything else is a wrong code, never a problem document. */
function typedCodeOf(body: unknown): string {
  const code = (body as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code.slice(0, 32) : '';
}

/** Step-up after redemption, for the journey named by the session cookie redemption set. */
@ApiExcludeController()
@Controller('reset/step-up')
@CustomerFacing()
@UseFilters(CustomerErrorsFilter)
export class StepUpController {
  private readonly responses: CustomerResponses;
  private readonly secureCookies: boolean;

  constructor(
    private readonly verifyStepUpCode: VerifyStepUpCode,
    @Inject(STEP_UP_STORE) private readonly store: StepUpStore,
    @Inject(SERVICE_CONFIG) private readonly config: CustomerJourneyConfig,
  ) {
    this.responses = new CustomerResponses(config.ENROLLMENT_URL);
    this.secureCookies = new URL(config.RESET_BASE_URL).protocol === 'https:';
  }

  @Get()
  async page(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    const session = stepUpSessionOf(request.headers.cookie);
    const challenge = session ? await this.store.findBySession(stepUpSessionHash(session)) : undefined;
    if (challenge?.status === 'support_required' && !challenge.superseded)
      return this.responses.page(response, supportProofingPage());
    if (challenge && challenge.channel && acceptsCodes(challenge)) {
      return this.responses.page(response, stepUpCodePage(challenge.channel.masked, false));
    }
    return this.responses.page(response, stepUpUnavailablePage());
  }

  @Post()
  @UseGuards(SameOriginGuard)
  async submit(@Req() request: IncomingMessage, @Body() body: unknown, @Res() response: ServerResponse) {
    const outcome = await this.verifyStepUpCode.execute({
      session: stepUpSessionOf(request.headers.cookie),
      code: typedCodeOf(body),
      ipAddress: clientAddressOf(request, this.config.TRUST_PROXY),
    });
    switch (outcome.kind) {
      case 'passed':
        return this.responses.redirect(response, outcome.location, {
          'Set-Cookie': clearedStepUpCookie(this.secureCookies),
        });
      case 'rejected':
        return this.responses.page(response, stepUpCodePage(outcome.maskedChannel, true));
      case 'rate_limited':
        return this.responses.tooManyAttempts(response, outcome.retryAfterSeconds);
      case 'unavailable':
        return this.responses.page(response, stepUpUnavailablePage());
    }
  }
}
