import { context, createContextKey, type Context } from '@opentelemetry/api';

/** The event (or stored request) a piece of work is done for: what the events it writes descend from. */
export interface EventCause {
  /** Becomes `causationid` of the events written for it. */
  eventId: string;
  /** The chain's first id; becomes their `correlationid`. */
  correlationId: string;
}

const CAUSE_KEY = createContextKey('rekey.event-cause');

export function withCause(parent: Context, cause: EventCause): Context {
  return parent.setValue(CAUSE_KEY, cause);
}

/** The cause of the work in hand: the event being handled, or what a scheduler step said. */
export function currentCause(active: Context = context.active()): EventCause | undefined {
  return active.getValue(CAUSE_KEY) as EventCause | undefined;
}

/**
 * Runs `work` on behalf of `cause`: every event it appends to the outbox without a causation of
 * its own is recorded as caused by it, in its correlation chain. For work whose cause is stored
 * (a scheduler taking up a request) rather than being handled right now.
 */
export function runCausedBy<T>(cause: EventCause | undefined, work: () => Promise<T>): Promise<T> {
  return cause ? context.with(withCause(context.active(), cause), work) : work();
}

/**
 * The `ce_correlationid` and `ce_causationid` an event gets from the cause in context: an event
 * that names its own cause keeps it; one that starts a chain of its own (correlation = own id)
 * joins the cause's chain.
 */
export function causationHeaders(
  event: { id: string; correlationId: string; causationId?: string | undefined },
  cause: EventCause | undefined = currentCause(),
): { ce_correlationid: string; ce_causationid: string } | undefined {
  if (!cause || event.causationId !== undefined || cause.eventId === event.id) return undefined;
  return {
    ce_correlationid: event.correlationId === event.id ? cause.correlationId : event.correlationId,
    ce_causationid: cause.eventId,
  };
}
