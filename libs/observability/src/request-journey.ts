import type { JourneyFields } from './journey-attributes';

type Bag = Record<string, unknown> | undefined;

const keys: Array<keyof JourneyFields> = ['journeyId', 'waveId', 'legacyAccountId'];

/**
 * What an HTTP request says it is about, from its route parameters and its JSON or form body:
 * `journeyId`, `waveId` and `legacyAccountId` by those names, and the `:id` of a route under
 * `/waves/`. Only these keys are read: a body may hold tokens or contacts.
 */
export function journeyOfRequest(request: object): JourneyFields {
  const { params: rawParams, body: rawBody, route: rawRoute } = request as Record<string, unknown>;
  const params = asBag(rawParams);
  const body = asBag(rawBody);
  const fields: JourneyFields = {};
  for (const key of keys) {
    const value = params?.[key] ?? body?.[key];
    if (isId(value)) fields[key] = value;
  }
  const route = (rawRoute as { path?: unknown } | undefined)?.path;
  if (
    !fields.waveId &&
    typeof route === 'string' &&
    /\/waves\/:id(\/|$)/.test(route) &&
    isId(params?.['id'])
  ) {
    fields.waveId = params['id'];
  }
  return fields;
}

function asBag(value: unknown): Bag {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Bag) : undefined;
}

// An id, not free text: short and without spaces, so nothing else a client sent ends up in a span.
function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 200 && !/\s/.test(value);
}
