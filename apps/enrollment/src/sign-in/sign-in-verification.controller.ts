import type { IncomingMessage } from 'node:http';
import { Body, Controller, Header, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { clientAddressOf, normaliseIpAddress } from '@rekey/customer-web';
import { RequireScopes } from '@rekey/operator-auth';
import { parseBody } from '@rekey/problem-details';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { z } from 'zod';
import { PasswordSignIn } from './password-sign-in';
import type { SignInConfig } from './sign-in.environment';

const VerifyRequest = z
  .object({
    account: z.string().min(1).max(256),
    password: z.string().max(4096),
    code: z.string().max(64).optional(),
    recoveryCode: z.string().max(64).optional(),
    /** The customer's address as the target application saw it, so limits count per customer. */
    clientAddress: z.string().max(64).optional(),
  })
  .strict();

export interface VerifiedCredential {
  accountId: string;
  assuranceLevel: 'aal1' | 'aal2';
  methods: string[];
}

/**
 * For target applications: checks a migrated customer's password (+ TOTP code or recovery code)
 * with the sign-in page's rules, limits and neutral refusals, and opens no session. The caller
 * authenticates with a bearer token carrying `credentials:verify` (the operator-auth identity
 * provider's client credentials); customers never call it (no cookies, no CSRF needed).
 */
@ApiTags('sign-in')
@ApiBearerAuth('operator')
@Controller('api/sign-in')
@RequireScopes('credentials:verify')
export class SignInVerificationController {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: SignInConfig,
    private readonly passwordSignIn: PasswordSignIn,
  ) {}

  @Post('verify')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      "Verify a customer's password with a TOTP or recovery code: {accountId, assuranceLevel, methods} or a neutral problem",
  })
  async verify(@Body() body: unknown, @Req() request: IncomingMessage): Promise<VerifiedCredential> {
    const { clientAddress, ...credentials } = parseBody(VerifyRequest, body);
    const address =
      (clientAddress && normaliseIpAddress(clientAddress)) ||
      clientAddressOf(request, this.config.TRUST_PROXY);
    const verified = await this.passwordSignIn.verify(
      {
        account: credentials.account,
        password: credentials.password,
        ...(credentials.code ? { code: credentials.code } : {}),
        ...(credentials.recoveryCode ? { recoveryCode: credentials.recoveryCode } : {}),
      },
      address,
    );
    return {
      accountId: verified.targetAccountId,
      assuranceLevel: verified.assuranceLevel,
      methods: verified.methods,
    };
  }
}
