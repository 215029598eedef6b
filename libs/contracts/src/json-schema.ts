import { z } from 'zod';
import type { EventDefinition } from './define-event';

export type JsonSchema = Record<string, unknown>;

/** The dialect of the published files in docs/schemas: the current one, every validator's default. */
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * Formats zod emits that JSON Schema does not define: a consumer's validator in strict mode
 * refuses an unknown format, so these travel as the pattern zod emits beside them, and only that.
 */
const nonStandardFormats = new Set(['cidrv4', 'cidrv6', 'base64url']);

/**
 * The published JSON Schema of an event's data (draft 2020-12). Generated from the input side,
 * so it does not forbid extra properties: a consumer validating against version N keeps
 * accepting the optional fields added to N later.
 */
export function eventJsonSchema(definition: EventDefinition): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    title: definition.type,
    description: definition.description,
    ...dataSchema(definition, 'draft-2020-12'),
  };
}

/**
 * The same schema as an AsyncAPI 3 payload: AsyncAPI's default schema format is a superset of
 * draft-07, so it is generated for that draft, without a `$schema` of its own.
 */
export function eventPayloadSchema(definition: EventDefinition): JsonSchema {
  return dataSchema(definition, 'draft-07');
}

function dataSchema(definition: EventDefinition, target: 'draft-07' | 'draft-2020-12'): JsonSchema {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(definition.schema, {
    target,
    io: 'input',
  }) as JsonSchema;
  return withStandardFormats(schema, definition.type) as JsonSchema;
}

function withStandardFormats(node: unknown, type: string): unknown {
  if (Array.isArray(node)) return node.map((child) => withStandardFormats(child, type));
  if (typeof node !== 'object' || node === null) return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'format' && typeof value === 'string' && nonStandardFormats.has(value)) continue;
    result[key] = withStandardFormats(value, type);
  }
  const format = (node as Record<string, unknown>)['format'];
  if (typeof format === 'string' && nonStandardFormats.has(format) && typeof result['pattern'] !== 'string') {
    throw new Error(`${type}: format ${format} has no pattern to stand in for it`);
  }
  return result;
}
