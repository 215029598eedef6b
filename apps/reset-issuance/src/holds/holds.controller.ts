import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, RequireScopes, type OperatorActor } from '@rekey/operator-auth';
import { parseBody } from '@rekey/problem-details';
import { z } from 'zod';
import type { Hold } from './domain/hold';
import { HoldNotFound } from './domain/hold.errors';
import { PlaceHold } from './place-hold';
import { ReleaseHold } from './release-hold';
import { HoldQueries } from './hold-queries';

const PlaceHoldBody = z.strictObject({
  legacyAccountId: z.string().trim().min(1).max(512),
  reason: z.string().trim().min(1).max(500),
  /** Hold an account id that no linked directory holds (yet), on purpose. */
  deliberate: z.boolean().optional(),
});

const ReleaseHoldBody = z.strictObject({ note: z.string().trim().min(1).max(500).optional() });

/** Operators pause and resume one account's reset. */
@ApiTags('holds')
@ApiBearerAuth('operator')
@Controller('operator/holds')
@RequireScopes('holds:write')
export class HoldsController {
  constructor(
    private readonly placeHold: PlaceHold,
    private readonly releaseHold: ReleaseHold,
    private readonly queries: HoldQueries,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: "Place a hold on an account's reset" })
  @ApiBody({ schema: z.toJSONSchema(PlaceHoldBody) as object })
  async place(@Body() body: unknown, @Actor() actor: OperatorActor): Promise<HoldView> {
    const { deliberate, ...command } = parseBody(PlaceHoldBody, body);
    return view(
      await this.placeHold.execute({
        ...command,
        actor: { subject: actor.subject, role: 'operator' },
        ...(deliberate ? { deliberate } : {}),
      }),
    );
  }

  @Post(':legacyAccountId/release')
  @HttpCode(200)
  @ApiOperation({ summary: "Release the active hold on an account's reset" })
  @ApiBody({ schema: z.toJSONSchema(ReleaseHoldBody) as object, required: false })
  async release(
    @Param('legacyAccountId') legacyAccountId: string,
    @Body() body: unknown,
    @Actor() actor: OperatorActor,
  ): Promise<HoldView> {
    const { note } = parseBody(ReleaseHoldBody, body ?? {});
    const command = {
      legacyAccountId,
      actor: { subject: actor.subject, role: 'operator' as const },
      ...(note ? { note } : {}),
    };
    return view(await this.releaseHold.execute(command));
  }

  @Get(':legacyAccountId')
  @ApiOperation({ summary: 'The active hold on an account, if any' })
  async active(@Param('legacyAccountId') legacyAccountId: string): Promise<HoldView> {
    const hold = await this.queries.activeHold(legacyAccountId);
    if (!hold) throw new HoldNotFound(legacyAccountId);
    return view(hold);
  }
}

interface HoldView {
  id: string;
  legacyAccountId: string;
  reason: string;
  placedBy: string;
  placedAt: string;
  releasedBy?: string;
  releasedAt?: string;
}

function view(hold: Hold): HoldView {
  return {
    id: hold.id,
    legacyAccountId: hold.legacyAccountId,
    reason: hold.reason,
    placedBy: hold.placedBy.subject,
    placedAt: hold.placedAt.toISOString(),
    ...(hold.releasedAt && hold.releasedBy
      ? { releasedBy: hold.releasedBy.subject, releasedAt: hold.releasedAt.toISOString() }
      : {}),
  };
}
