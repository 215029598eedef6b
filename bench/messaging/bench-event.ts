import { defineEvent, EventRegistry } from '@rekey/contracts';
import { z } from 'zod';

/** The benchmark's own event; it travels on an isolated topic prefix, never on platform topics. */
export const BenchProbeSentV1 = defineEvent(
  'rekey.audit.bench-probe-sent.v1',
  'audit',
  z.object({ sequence: z.number().int(), writtenAt: z.number() }),
  { description: 'A probe the messaging benchmark sends through the outbox, Kafka and the inbox.' },
);

export const benchRegistry = new EventRegistry([BenchProbeSentV1]);

/** Milliseconds on a clock both benchmark processes share. */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}
