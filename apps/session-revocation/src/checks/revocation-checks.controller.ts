import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '@rekey/operator-auth';
import { parseBody } from '@rekey/problem-details';
import { z } from 'zod';
import { MAX_CHECKS_PER_CALL, RevocationChecksBody } from './revocation-checks.body';
import {
  migrationAnswer,
  RevocationCheckQueries,
  sessionAnswer,
  type AccountMigrationAnswer,
  type SessionRevocationAnswer,
} from './revocation-check-queries';

const AccountParams = z.object({ legacyAccountId: z.string().min(1).max(512) });
const SessionParams = z.object({ sessionId: z.string().min(1).max(512) });

/**
 * Downstream applications ask whether a legacy account has migrated and whether a legacy session
 * is revoked, answered from this service's own state. Unknown ids are answers, not errors (a 404
 * would tell the same thing less plainly).
 */
@ApiTags('revocation checks')
@ApiBearerAuth('operator')
@Controller('api')
@RequireScopes('revocations:check')
export class RevocationChecksController {
  constructor(private readonly queries: RevocationCheckQueries) {}

  @Get('legacy-accounts/:legacyAccountId/migration')
  @ApiOperation({ summary: 'Whether a legacy account has migrated, to which account and when' })
  async migration(@Param() params: unknown): Promise<AccountMigrationAnswer> {
    const { legacyAccountId } = parseBody(AccountParams, params);
    const [answer] = await this.queries.migrations([legacyAccountId]);
    return answer ?? migrationAnswer(legacyAccountId, undefined);
  }

  @Get('legacy-sessions/:sessionId')
  @ApiOperation({ summary: 'Whether a legacy session is known to be revoked, and when' })
  async session(@Param() params: unknown): Promise<SessionRevocationAnswer> {
    const { sessionId } = parseBody(SessionParams, params);
    const [answer] = await this.queries.sessions([sessionId]);
    return answer ?? sessionAnswer(sessionId, undefined);
  }

  @Post('revocation-checks')
  @HttpCode(200)
  @ApiOperation({
    summary: `Both questions for up to ${MAX_CHECKS_PER_CALL} ids in all; answers in the order asked`,
  })
  @ApiBody({ schema: z.toJSONSchema(RevocationChecksBody, { io: 'input' }) as object })
  async batch(
    @Body() body: unknown,
  ): Promise<{ accounts: AccountMigrationAnswer[]; sessions: SessionRevocationAnswer[] }> {
    const { legacyAccountIds, sessionIds } = parseBody(RevocationChecksBody, body);
    const [accounts, sessions] = await Promise.all([
      this.queries.migrations(legacyAccountIds),
      this.queries.sessions(sessionIds),
    ]);
    return { accounts, sessions };
  }
}
