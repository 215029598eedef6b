import { z } from 'zod';
import type { EventDefinition } from './define-event';

export type JsonSchema = Record<string, unknown>;

export const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

/**
 * The published JSON Schema of an event's data. Draft-07, because AsyncAPI schemas are a superset
 * of it. Generated from the input side, so it does not forbid extra properties: a consumer
 * validating against version N keeps accepting the optional fields added to N later.
 */
export function eventJsonSchema(definition: EventDefinition): JsonSchema {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(definition.schema, {
    target: 'draft-07',
    io: 'input',
  }) as JsonSchema;
  return {
    $schema: JSON_SCHEMA_DIALECT,
    title: definition.type,
    description: definition.description,
    ...schema,
  };
}
