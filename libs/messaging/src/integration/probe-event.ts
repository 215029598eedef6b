import { randomUUID } from 'node:crypto';
import { createEvent, defineEvent, EventRegistry, type EventOf } from '@rekey/contracts';
import { z } from 'zod';

/** An event only the messaging tests publish; each run uses its own subjects. */
export const ProbeRecordedV1 = defineEvent(
  'rekey.audit.probe-recorded.v1',
  'audit',
  z.object({ sequence: z.number().int().nonnegative() }),
  { description: 'A probe the messaging tests send through the outbox, the broker and the inbox.' },
);

export const probeRegistry = new EventRegistry([ProbeRecordedV1]);

export function runId(): string {
  return randomUUID().slice(0, 8);
}

export function probe(subject: string, sequence: number): EventOf<typeof ProbeRecordedV1> {
  return createEvent(ProbeRecordedV1, { sequence }, { source: 'messaging-test', subject });
}
