import { z } from 'zod';

/** Ids per batch call, accounts and sessions together: one call stays one short read per kind. */
export const MAX_CHECKS_PER_CALL = 1000;

const Id = z.string().min(1).max(512);

export const RevocationChecksBody = z
  .strictObject({
    legacyAccountIds: z.array(Id).max(MAX_CHECKS_PER_CALL).default([]),
    sessionIds: z.array(Id).max(MAX_CHECKS_PER_CALL).default([]),
  })
  .superRefine((body, context) => {
    const total = body.legacyAccountIds.length + body.sessionIds.length;
    if (total <= MAX_CHECKS_PER_CALL) return;
    // Named after the list that pushed the call over the limit, so the caller knows what to split.
    const field = body.sessionIds.length > 0 ? 'sessionIds' : 'legacyAccountIds';
    context.addIssue({
      code: 'custom',
      path: [field],
      message: `at most ${MAX_CHECKS_PER_CALL} ids in all per call (legacyAccountIds and sessionIds together); got ${total}`,
    });
  });
