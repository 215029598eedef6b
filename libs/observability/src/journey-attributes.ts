import { trace } from '@opentelemetry/api';

/** Span attributes that let an SRE find every trace of one customer's journey. */
export const JourneyAttributes = {
  journeyId: 'rekey.journey_id',
  waveId: 'rekey.wave_id',
  legacyAccountId: 'rekey.legacy_account_id',
} as const;

export function tagJourney(attributes: {
  journeyId?: string;
  waveId?: string;
  legacyAccountId?: string;
}): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  for (const [name, attribute] of Object.entries(JourneyAttributes)) {
    const value = attributes[name as keyof typeof attributes];
    if (value) span.setAttribute(attribute, value);
  }
}
