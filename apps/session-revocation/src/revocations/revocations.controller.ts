import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '@rekey/operator-auth';
import { parseBody } from '@rekey/problem-details';
import { z } from 'zod';
import { RevocationNotFound } from './domain/revocation.errors';
import { RevocationQueries, type RevocationView } from './revocation-queries';

const ListQuery = z.strictObject({
  state: z.enum(['pending', 'stalled', 'done', 'awaiting_link', 'failed']).default('pending'),
  after: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Operators see where each legacy-session revocation stands: pending, awaiting link, stalled, done. */
@ApiTags('revocations')
@ApiBearerAuth('operator')
@Controller('operator/revocations')
@RequireScopes('revocations:read')
export class RevocationsController {
  constructor(private readonly queries: RevocationQueries) {}

  @Get()
  @ApiOperation({
    summary: 'Revocations in one state, by journey id; page with `after` (the `next` of the last page)',
  })
  list(@Query() query: unknown): Promise<{ items: RevocationView[]; next?: string }> {
    return this.queries.list(parseBody(ListQuery, query));
  }

  @Get(':legacyAccountId')
  @ApiOperation({ summary: "One legacy account's revocations and holds, with their steps and last errors" })
  async account(@Param('legacyAccountId') legacyAccountId: string) {
    const found = await this.queries.ofAccount(legacyAccountId);
    if (!found) throw new RevocationNotFound(legacyAccountId);
    return found;
  }
}
