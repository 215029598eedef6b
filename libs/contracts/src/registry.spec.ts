import { z } from 'zod';
import { defineEvent } from './define-event';
import { EventRegistry } from './registry';

const OrderPlacedV1 = defineEvent('rekey.audit.order-placed.v1', 'audit', z.object({ orderId: z.uuid() }), {
  description: 'A test event.',
});
const OrderPlacedV2 = defineEvent(
  'rekey.audit.order-placed.v2',
  'audit',
  z.object({ orderId: z.uuid(), lines: z.number().int().optional() }),
  { description: 'A test event, second version.' },
);

describe('EventRegistry', () => {
  it('finds a definition by type, versions being distinct types', () => {
    const registry = new EventRegistry([OrderPlacedV1, OrderPlacedV2]);
    expect(registry.find('rekey.audit.order-placed.v2')).toBe(OrderPlacedV2);
    expect(registry.find('rekey.audit.order-placed.v3')).toBeUndefined();
    expect(registry.allDefinitions()).toEqual([OrderPlacedV1, OrderPlacedV2]);
  });

  it('rejects a type defined twice', () => {
    const again = defineEvent('rekey.audit.order-placed.v1', 'audit', z.object({}), {
      description: 'Again.',
    });
    expect(() => new EventRegistry([OrderPlacedV1, again])).toThrow(
      'Event type rekey.audit.order-placed.v1 is defined more than once',
    );
  });

  it('gives the JSON Schema of a type, titled and described, without forbidding added fields', () => {
    const schema = new EventRegistry([OrderPlacedV2]).jsonSchemaOf('rekey.audit.order-placed.v2');
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'rekey.audit.order-placed.v2',
      description: 'A test event, second version.',
      type: 'object',
      required: ['orderId'],
      properties: { orderId: { type: 'string', format: 'uuid' }, lines: { type: 'integer' } },
    });
    expect(schema).not.toHaveProperty('additionalProperties');
  });

  it('refuses to describe a type it does not know', () => {
    expect(() => new EventRegistry([]).jsonSchemaOf('rekey.audit.order-placed.v1')).toThrow(
      'Unknown event type',
    );
  });
});
