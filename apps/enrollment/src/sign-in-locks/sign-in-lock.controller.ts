import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, RequireScopes, type OperatorActor } from '@rekey/operator-auth';
import { ReleaseSignInLock } from './release-sign-in-lock';

/** Support's side of the lockout: operator tokens with `sign-in:unlock` only, never customer sessions. */
@ApiTags('sign-in')
@ApiBearerAuth('operator')
@Controller('operator')
@RequireScopes('sign-in:unlock')
export class SignInLockController {
  constructor(private readonly releaseLock: ReleaseSignInLock) {}

  @Post('accounts/:legacyAccountId/sign-in-lock/release')
  @HttpCode(204)
  @ApiOperation({
    summary: "Lift an account's password/TOTP/recovery-code sign-in lockout: 204, or 404 when not locked",
  })
  async release(
    @Param('legacyAccountId') legacyAccountId: string,
    @Actor() actor: OperatorActor,
  ): Promise<void> {
    await this.releaseLock.execute(legacyAccountId, actor.subject);
  }
}
