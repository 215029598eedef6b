import type { EventData, EventDefinition } from './define-event';

/**
 * The two sides of the versioning rule. Within a version a producer may add optional fields, so
 * a consumer built against the version's first release must accept data with fields it does not
 * know (tolerant), while a producer must never send a field its own definition does not declare
 * (strict): otherwise an undeclared field would leave the service without a schema, a review or a
 * version, and consumers would start relying on it.
 */
export type DataParseResult<D extends EventDefinition> =
  { ok: true; data: EventData<D> } | { ok: false; issues: string[] };

/** For producers: the data matches and declares every field it holds, at any depth. */
export function parseOutgoingData<D extends EventDefinition>(
  definition: D,
  data: unknown,
): DataParseResult<D> {
  const parsed = parseIncomingData(definition, data);
  if (!parsed.ok) return parsed;
  // The schemas strip what they do not declare: whatever the input has and the output lost is
  // undeclared. Comparing the two covers nested objects, arrays and unions without a second schema.
  // Every event a service produces passes here: walk without allocating, and name the paths only
  // when there is something to report.
  if (!hasUndeclared(data, parsed.data)) return parsed;
  const undeclared = undeclaredPaths(data, parsed.data, '');
  return {
    ok: false,
    issues: undeclared.map((path) => `${path}: field is not declared in ${definition.type}`),
  };
}

/** For consumers: fields this build does not know are dropped; the declared ones must match. */
export function parseIncomingData<D extends EventDefinition>(
  definition: D,
  data: unknown,
): DataParseResult<D> {
  const parsed = definition.schema.safeParse(data);
  if (parsed.success) return { ok: true, data: parsed.data as EventData<D> };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  };
}

function hasUndeclared(input: unknown, output: unknown): boolean {
  if (typeof input !== 'object' || input === null || typeof output !== 'object' || output === null)
    return false;
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) return false;
    for (let index = 0; index < input.length; index++) {
      if (hasUndeclared(input[index], output[index])) return true;
    }
    return false;
  }
  const declared = output as Record<string, unknown>;
  const given = input as Record<string, unknown>;
  for (const key in given) {
    if (!Object.hasOwn(given, key) || given[key] === undefined) continue;
    if (!Object.hasOwn(declared, key) || hasUndeclared(given[key], declared[key])) return true;
  }
  return false;
}

function undeclaredPaths(input: unknown, output: unknown, prefix: string): string[] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item, index) => undeclaredPaths(item, output[index], `${prefix}[${index}]`));
  }
  if (!isPlainObject(input) || !isPlainObject(output)) return [];
  const paths: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    // An explicit undefined is not sent (JSON drops it), so it declares nothing.
    if (value === undefined) continue;
    if (!Object.hasOwn(output, key)) paths.push(path);
    else paths.push(...undeclaredPaths(value, output[key], path));
  }
  return paths;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
