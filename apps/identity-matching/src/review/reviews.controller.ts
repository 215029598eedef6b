import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Bands, ReviewReasons, Segments, type EventActor } from '@rekey/contracts';
import { Actor, RequireScopes, type OperatorActor } from '@rekey/operator-auth';
import { parseBody } from '@rekey/problem-details';
import { z } from 'zod';
import { ApproveReview } from './approve-review';
import { ReviewNotFound } from './domain/review.errors';
import { ResolveReview } from './resolve-review';
import { ReviewQueries } from './review-queries';
import { reviewView, type ReviewView } from './review-view';

const ListQuery = z.strictObject({
  status: z.enum(['open', 'pending_approval', 'resolved', 'superseded']).default('open'),
  reason: z.enum(ReviewReasons).optional(),
  segment: z.enum(Segments).optional(),
  band: z.enum([...Bands, 'none']).optional(),
  after: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const Note = z.string().trim().min(1).max(500);
const ResolveBody = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('link'),
    targetAccountId: z.string().trim().min(1).max(512),
    note: Note,
  }),
  z.strictObject({ decision: z.literal('create_new'), note: Note }),
  z.strictObject({ decision: z.literal('exclude'), note: Note }),
]);

const ReviewId = z.uuid();

/** Reviewers work the manual-review queue: list, inspect, resolve, and approve privileged cases. */
@ApiTags('review')
@ApiBearerAuth('operator')
@Controller('operator/reviews')
export class ReviewsController {
  constructor(
    private readonly queries: ReviewQueries,
    private readonly resolveReview: ResolveReview,
    private readonly approveReview: ApproveReview,
  ) {}

  @Get()
  @RequireScopes('review:read')
  @ApiOperation({ summary: 'Review cases, oldest first, filtered; page with `after`' })
  async list(@Query() query: unknown): Promise<{ items: ReviewView[]; next?: string }> {
    const filter = parseBody(ListQuery, query);
    const page = await this.queries.list(filter);
    return { items: page.items.map(reviewView), ...(page.next ? { next: page.next } : {}) };
  }

  @Get(':reviewId')
  @RequireScopes('review:read')
  @ApiOperation({ summary: 'One review case with its evidence and candidates' })
  async get(@Param('reviewId') reviewId: string): Promise<ReviewView> {
    return reviewView(await this.queries.get(knownId(reviewId)));
  }

  @Post(':reviewId/resolve')
  @HttpCode(200)
  @RequireScopes('review:write')
  @ApiOperation({ summary: 'Resolve a case: link, create a new account, or exclude; a note says why' })
  @ApiBody({ schema: z.toJSONSchema(ResolveBody) as object })
  async resolve(
    @Param('reviewId') reviewId: string,
    @Body() body: unknown,
    @Actor() actor: OperatorActor,
  ): Promise<ReviewView> {
    const command = parseBody(ResolveBody, body);
    return reviewView(
      await this.resolveReview.execute({ ...command, reviewId: knownId(reviewId), actor: operator(actor) }),
    );
  }

  @Post(':reviewId/approve')
  @HttpCode(200)
  @RequireScopes('review:write')
  @ApiOperation({ summary: "Approve another reviewer's resolution of a privileged account" })
  async approve(@Param('reviewId') reviewId: string, @Actor() actor: OperatorActor): Promise<ReviewView> {
    return reviewView(
      await this.approveReview.execute({ reviewId: knownId(reviewId), actor: operator(actor) }),
    );
  }
}

function knownId(reviewId: string): string {
  if (!ReviewId.safeParse(reviewId).success) throw new ReviewNotFound(reviewId);
  return reviewId;
}

function operator(actor: OperatorActor): EventActor {
  return { subject: actor.subject, role: 'operator' };
}
