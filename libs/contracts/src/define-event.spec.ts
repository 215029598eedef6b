import { z } from 'zod';
import { defineEvent, parseEventType, type EventData } from './define-event';

describe('defineEvent', () => {
  it('derives the topic and version from the type and area', () => {
    const definition = defineEvent('rekey.reset.link-opened.v3', 'reset', z.object({ waveId: z.uuid() }), {
      description: 'A test event.',
    });
    expect(definition).toMatchObject({
      type: 'rekey.reset.link-opened.v3',
      area: 'reset',
      topic: 'rekey.reset',
      version: 3,
      description: 'A test event.',
    });
  });

  it('infers the data type from the schema', () => {
    const definition = defineEvent('rekey.audit.tested.v1', 'audit', z.object({ count: z.number() }), {
      description: 'A test event.',
    });
    const data: EventData<typeof definition> = { count: 2 };
    expect(definition.schema.parse(data)).toEqual({ count: 2 });
  });

  it.each([
    ['no version', 'rekey.reset.link-opened'],
    ['version zero', 'rekey.reset.link-opened.v0'],
    ['camel case', 'rekey.reset.linkOpened.v1'],
    ['unknown area', 'rekey.billing.link-opened.v1'],
    ['wrong prefix', 'acme.reset.link-opened.v1'],
  ])('rejects a badly named type (%s)', (_case, type) => {
    // @ts-expect-error -- the type does not fit rekey.<area>.<event>.v<N>
    expect(() => defineEvent(type, 'reset', z.object({}), { description: 'x' })).toThrow(
      /rekey\.<area>\.<event>\.v<N>/,
    );
  });

  it('rejects a type whose area is not the one it is defined for', () => {
    expect(() =>
      // @ts-expect-error -- a reset type cannot belong to the fraud area
      defineEvent('rekey.reset.link-opened.v1', 'fraud', z.object({}), { description: 'x' }),
    ).toThrow('is in area "reset" but was defined for area "fraud"');
  });

  it('rejects a definition without a description', () => {
    expect(() =>
      defineEvent('rekey.reset.link-opened.v1', 'reset', z.object({}), { description: ' ' }),
    ).toThrow('needs a description');
  });
});

describe('parseEventType', () => {
  it('reads the area, event and version of a type', () => {
    expect(parseEventType('rekey.migration.account-migrated.v12')).toEqual({
      area: 'migration',
      event: 'account-migrated',
      version: 12,
    });
  });

  it('answers nothing for a foreign type', () => {
    expect(parseEventType('com.example.thing.v1')).toBeUndefined();
  });
});
