import { context as contextApi, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';

/** Span attributes that let an SRE find every trace of one customer's journey. */
export const JourneyAttributes = {
  journeyId: 'rekey.journey_id',
  waveId: 'rekey.wave_id',
  legacyAccountId: 'rekey.legacy_account_id',
} as const;

/** The same facts as log fields. */
export const JourneyLogFields = {
  journeyId: 'journey_id',
  waveId: 'wave_id',
  legacyAccountId: 'legacy_account_id',
} as const;

export interface JourneyFields {
  journeyId?: string | undefined;
  waveId?: string | undefined;
  legacyAccountId?: string | undefined;
}

/**
 * What one unit of work (a request, a consumed event, a scheduler step) is about, kept in the
 * OpenTelemetry context so that every later log line of that work carries it. Mutable on purpose:
 * a request learns its journey halfway through, and what it learns must reach the lines after.
 * The key is a registered symbol because @rekey/messaging, which may not import this library,
 * opens the same scope around each handler.
 */
export const JOURNEY_SCOPE_KEY = Symbol.for('rekey.journey-scope');

interface JourneyScope extends JourneyFields {
  /** The span of the unit of work (the HTTP server span, the process span), tagged with the rest. */
  span?: Span | undefined;
}

const names = Object.keys(JourneyAttributes) as Array<keyof JourneyFields>;

/** A context in which tagJourney's facts reach `span` and every log line written under it. */
export function openJourneyScope(
  parent: Context,
  fields: JourneyFields = {},
  span: Span | undefined = trace.getSpan(parent),
): Context {
  const inherited = parent.getValue(JOURNEY_SCOPE_KEY) as JourneyScope | undefined;
  const scope: JourneyScope = { ...inherited, span };
  for (const name of names) if (fields[name]) scope[name] = fields[name];
  return parent.setValue(JOURNEY_SCOPE_KEY, scope);
}

/** The journey facts known in `context` (the active one by default). */
export function journeyOf(context: Context = contextApi.active()): JourneyFields | undefined {
  return context.getValue(JOURNEY_SCOPE_KEY) as JourneyScope | undefined;
}

/** The `rekey.*` span attributes of the facts given. */
export function journeyAttributes(fields: JourneyFields): Attributes {
  const attributes: Attributes = {};
  for (const name of names) if (fields[name]) attributes[JourneyAttributes[name]] = fields[name];
  return attributes;
}

/**
 * Says once what this request, event or step is about: the facts become attributes of the active
 * span and of the unit of work's own span (so that one attribute query finds the trace), and
 * fields of every log line written after it in the same async context.
 */
export function tagJourney(fields: JourneyFields): void {
  const active = contextApi.active();
  const scope = active.getValue(JOURNEY_SCOPE_KEY) as JourneyScope | undefined;
  const attributes = journeyAttributes(fields);
  if (scope) for (const name of names) if (fields[name]) scope[name] = fields[name];
  const span = trace.getSpan(active);
  span?.setAttributes(attributes);
  if (scope?.span && scope.span !== span) scope.span.setAttributes(attributes);
}
