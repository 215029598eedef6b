import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EventActor } from '../vocabulary/actor';

const Count = z.number().int().nonnegative();

export const IdentityImportCompletedV1 = defineEvent(
  'rekey.identity.import-completed.v1',
  'identity',
  z.object({
    importId: z.uuid(),
    directory: z.enum(['legacy', 'target']),
    fileName: z.string().min(1).max(255).describe('The name of the file imported, without its folder.'),
    format: z.enum(['csv', 'ndjson']),
    counts: z.object({
      read: Count.describe('Data lines read.'),
      inserted: Count,
      updated: Count,
      unchanged: Count,
      rejected: Count.describe('Lines refused, each reported with its line, field and reason.'),
    }),
    importedBy: EventActor,
  }),
  {
    description:
      'A directory export was imported into identity matching. The records themselves never go on the bus.',
    subject: 'The import id (`importId`): an import is about no single account.',
  },
);
export type IdentityImportCompletedV1 = EventData<typeof IdentityImportCompletedV1>;
