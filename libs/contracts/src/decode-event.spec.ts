import { z } from 'zod';
import { decodeEvent, type IncomingEventMessage } from './decode-event';
import { defineEvent } from './define-event';
import { createEvent, encodeEvent } from './envelope';
import { EventRegistry } from './registry';

const ParcelShippedV1 = defineEvent(
  'rekey.audit.parcel-shipped.v1',
  'audit',
  z.object({
    parcelId: z.uuid(),
    weightGrams: z.number().int().positive(),
    destination: z.object({ country: z.string().length(2) }),
  }),
  { description: 'A test event.' },
);

const registry = new EventRegistry([ParcelShippedV1]);

function aMessage(): IncomingEventMessage & { headers: Record<string, string | Buffer | undefined> } {
  const event = createEvent(
    ParcelShippedV1,
    { parcelId: '0190a4c8-0000-7000-8000-00000000000a', weightGrams: 1200, destination: { country: 'FR' } },
    { source: 'audit', subject: 'legacy-42', journeyId: '0190a4c8-0000-7000-8000-00000000000b' },
  );
  return encodeEvent(event);
}

function withHeaders(changes: Record<string, string | undefined>): IncomingEventMessage {
  const message = aMessage();
  return { ...message, headers: { ...message.headers, ...changes } };
}

function errorOf(message: IncomingEventMessage) {
  const result = decodeEvent(registry, message);
  if (result.ok) throw new Error('expected the message to be rejected');
  return result.error;
}

describe('decodeEvent', () => {
  it.each([
    'ce_specversion',
    'ce_id',
    'ce_type',
    'ce_source',
    'ce_subject',
    'ce_time',
    'ce_correlationid',
    'content-type',
  ])('names the missing header %s', (header) => {
    expect(errorOf(withHeaders({ [header]: undefined }))).toEqual({
      code: 'event.missing-header',
      reason: `header ${header} is missing`,
    });
  });

  it('accepts an event without the optional journey and causation extensions', () => {
    const result = decodeEvent(registry, withHeaders({ ce_journeyid: undefined, ce_causationid: undefined }));
    expect(result.ok).toBe(true);
  });

  it.each([
    ['ce_specversion', '0.3', 'header ce_specversion must be "1.0", got "0.3"'],
    ['ce_id', 'not-a-uuid', 'header ce_id must be a UUID, got "not-a-uuid"'],
    [
      'ce_type',
      'com.example.parcel',
      'header ce_type must be an event type rekey.<area>.<event>.v<N>, got "com.example.parcel"',
    ],
    [
      'ce_source',
      'reset issuance',
      'header ce_source must be a service name without spaces, got "reset issuance"',
    ],
    ['ce_subject', '', 'header ce_subject must be a non-empty id of at most 512 characters, got ""'],
    ['ce_time', 'yesterday', 'header ce_time must be an RFC 3339 date-time, got "yesterday"'],
    ['ce_journeyid', 'journey-1', 'header ce_journeyid must be a UUID, got "journey-1"'],
    ['ce_correlationid', '', 'header ce_correlationid must be an id without spaces, got ""'],
    [
      'content-type',
      'application/avro',
      'header content-type must be application/json, got "application/avro"',
    ],
  ])('names the invalid header %s and its value', (header, value, reason) => {
    expect(errorOf(withHeaders({ [header]: value }))).toEqual({ code: 'event.invalid-header', reason });
  });

  it('accepts a time with an offset and a content type with a charset', () => {
    const result = decodeEvent(
      registry,
      withHeaders({
        ce_time: '2030-01-01T12:00:00+02:00',
        'content-type': 'application/json; charset=utf-8',
      }),
    );
    expect(result.ok).toBe(true);
  });

  it('rejects a message whose key is not its subject, which would break per-account ordering', () => {
    expect(errorOf({ ...aMessage(), key: 'legacy-43' })).toEqual({
      code: 'event.key-mismatch',
      reason: 'message key "legacy-43" differs from header ce_subject "legacy-42"',
    });
    expect(errorOf({ ...aMessage(), key: null })).toEqual({
      code: 'event.key-mismatch',
      reason: 'message has no key; it must be the subject "legacy-42"',
    });
  });

  it('names an event type it does not know', () => {
    expect(errorOf(withHeaders({ ce_type: 'rekey.audit.parcel-lost.v1' }))).toEqual({
      code: 'event.unknown-type',
      reason: 'unknown event type rekey.audit.parcel-lost.v1',
    });
  });

  it('rejects a body that is not JSON', () => {
    const error = errorOf({ ...aMessage(), value: Buffer.from('{"parcelId": ') });
    expect(error.code).toBe('event.invalid-json');
    expect(error.reason).toMatch(/^body is not valid JSON: /);
  });

  it('rejects a message without a body', () => {
    expect(errorOf({ ...aMessage(), value: null })).toEqual({
      code: 'event.invalid-json',
      reason: 'message has no body; rekey.audit.parcel-shipped.v1 carries its data as JSON',
    });
  });

  it('lists every field that violates the schema, with its path and message', () => {
    const body = { parcelId: 'parcel-1', weightGrams: 1200, destination: { country: 'France' } };
    expect(errorOf({ ...aMessage(), value: Buffer.from(JSON.stringify(body)) })).toEqual({
      code: 'event.schema-violation',
      reason:
        'data does not match rekey.audit.parcel-shipped.v1: parcelId: Invalid UUID; destination.country: Too big: expected string to have exactly 2 characters',
    });
  });

  it('names a missing field', () => {
    const body = { parcelId: '0190a4c8-0000-7000-8000-00000000000a', destination: { country: 'FR' } };
    expect(errorOf({ ...aMessage(), value: Buffer.from(JSON.stringify(body)) }).reason).toBe(
      'data does not match rekey.audit.parcel-shipped.v1: weightGrams: Invalid input: expected number, received undefined',
    );
  });

  it('says when the body is JSON but not an object', () => {
    expect(errorOf({ ...aMessage(), value: Buffer.from('[1, 2]') }).reason).toBe(
      'data does not match rekey.audit.parcel-shipped.v1: (root): Invalid input: expected object, received array',
    );
  });

  it('never throws, whatever arrives', () => {
    const garbage: IncomingEventMessage[] = [
      { key: null, value: null, headers: {} },
      {
        key: Buffer.from([0xff, 0xfe]),
        value: Buffer.from([0x00, 0xff, 0x10]),
        headers: { ce_type: Buffer.from([0xc3]) },
      },
      { ...aMessage(), value: Buffer.from('null') },
      { ...aMessage(), value: Buffer.from('"\\ud800"') },
    ];
    for (const message of garbage) {
      const result = decodeEvent(registry, message);
      expect(result.ok).toBe(false);
    }
  });
});
