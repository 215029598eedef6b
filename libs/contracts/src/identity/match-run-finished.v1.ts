import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EventActor } from '../vocabulary/actor';

const Count = z.number().int().nonnegative();

export const IdentityMatchRunFinishedV1 = defineEvent(
  'rekey.identity.match-run-finished.v1',
  'identity',
  z.object({
    runId: z.uuid(),
    status: z.enum(['completed', 'failed']),
    requestedBy: EventActor,
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime(),
    counts: z
      .object({
        legacy: Count,
        target: Count,
        linked: Count,
        review: Count,
        new: Count,
        linksCreated: Count,
        reviewsOpened: Count,
      })
      .optional()
      .describe('What the run decided; absent when it failed.'),
  }),
  {
    description:
      'A match run an operator started has finished: the links, review cases and new accounts it decided are in the events that follow it.',
    subject: 'The run id (`runId`): a run is about no single account.',
  },
);
export type IdentityMatchRunFinishedV1 = EventData<typeof IdentityMatchRunFinishedV1>;
