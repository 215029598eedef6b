import type { IncomingMessage, ServerResponse } from 'node:http';
import { Body, Controller, Get, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CustomerFacing } from '@rekey/operator-auth';
import { parseBody } from '@rekey/problem-details';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { z } from 'zod';
import { clientAddressOf } from '../customer-web/client-address';
import type { CustomerJourneyConfig } from '../customer-web/customer-journey.environment';
import { CustomerResponses } from '../customer-web/customer-responses';
import {
  stepUpCodePage,
  stepUpUnavailablePage,
  supportProofingPage,
} from '../customer-web/pages/outcome-pages';
import { SameOriginGuard } from '../customer-web/same-origin.guard';
import { acceptsCodes } from './domain/step-up-challenge';
import { clearedStepUpCookie, stepUpSessionHash, stepUpSessionOf } from './domain/step-up-session';
import { STEP_UP_STORE, type StepUpStore } from './step-up-store.port';
import { VerifyStepUpCode } from './verify-step-up-code';

const CodeBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6,8}$/, 'expected the 6-digit code'),
});

/** Step-up after redemption, for the journey named by the session cookie redemption set. */
@ApiExcludeController()
@Controller('reset/step-up')
@CustomerFacing()
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
    if (challenge?.status === 'support_required') return this.responses.page(response, supportProofingPage());
    if (challenge && challenge.channel && acceptsCodes(challenge)) {
      return this.responses.page(response, stepUpCodePage(challenge.channel.masked, false));
    }
    return this.responses.page(response, stepUpUnavailablePage());
  }

  @Post()
  @UseGuards(SameOriginGuard)
  async submit(@Req() request: IncomingMessage, @Body() body: unknown, @Res() response: ServerResponse) {
    const { code } = parseBody(CodeBody, body);
    const outcome = await this.verifyStepUpCode.execute({
      session: stepUpSessionOf(request.headers.cookie),
      code,
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
