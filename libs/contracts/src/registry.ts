import type { EventDefinition } from './define-event';
import { eventJsonSchema, type JsonSchema } from './json-schema';

/** Every event type a consumer can read, by type. Built once from the catalogue. */
export class EventRegistry {
  private readonly byType = new Map<string, EventDefinition>();

  constructor(definitions: readonly EventDefinition[]) {
    for (const definition of definitions) {
      if (this.byType.has(definition.type)) {
        throw new Error(`Event type ${definition.type} is defined more than once`);
      }
      this.byType.set(definition.type, definition);
    }
  }

  find(type: string): EventDefinition | undefined {
    return this.byType.get(type);
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  allDefinitions(): EventDefinition[] {
    return [...this.byType.values()];
  }

  jsonSchemaOf(type: string): JsonSchema {
    const definition = this.byType.get(type);
    if (!definition) throw new Error(`Unknown event type ${type}`);
    return eventJsonSchema(definition);
  }
}
