import { z } from 'zod';
import { decodeEvent } from './decode-event';
import { defineEvent } from './define-event';
import { causedBy, createEvent, encodeEvent, isEventOf } from './envelope';
import { EventRegistry } from './registry';
import { ResetTokenIssuedV1 } from './reset/token-issued.v1';

const at = (iso: string) => () => new Date(iso);

const context = {
  source: 'reset-issuance',
  subject: 'legacy-42',
  journeyId: '0190a4c8-1f2e-7a3b-8c4d-5e6f708192a3',
};

const tokenIssued = {
  legacyAccountId: 'legacy-42',
  waveId: '0190a4c8-0000-7000-8000-000000000001',
  journeyId: context.journeyId,
  issuanceId: '0190a4c8-0000-7000-8000-000000000002',
  expiresAt: '2030-01-01T10:30:00.000Z',
  channel: { kind: 'email' as const, masked: 'j******e@e******.com' },
  trigger: 'wave' as const,
};

const registry = new EventRegistry([ResetTokenIssuedV1]);

describe('createEvent', () => {
  it('stamps a UUID v7 id and the clock time, and starts a correlation chain with its own id', () => {
    const event = createEvent(ResetTokenIssuedV1, tokenIssued, context, at('2030-01-01T10:00:00.000Z'));
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(event.time).toBe('2030-01-01T10:00:00.000Z');
    expect(event.correlationId).toBe(event.id);
    expect(event).toMatchObject({
      type: 'rekey.reset.token-issued.v1',
      source: 'reset-issuance',
      subject: 'legacy-42',
    });
  });

  it('refuses data that does not match the schema, naming the field', () => {
    expect(() => createEvent(ResetTokenIssuedV1, { ...tokenIssued, waveId: 'wave-1' }, context)).toThrow(
      /Invalid data for rekey\.reset\.token-issued\.v1: waveId: Invalid UUID/,
    );
  });

  it('refuses an envelope a consumer would reject', () => {
    expect(() =>
      createEvent(ResetTokenIssuedV1, tokenIssued, { ...context, journeyId: 'journey-1' }),
    ).toThrow('header ce_journeyid must be a UUID');
  });
});

describe('encodeEvent', () => {
  it('puts the event on its area topic, keyed by subject, with ce_* headers and a JSON body', () => {
    const event = createEvent(
      ResetTokenIssuedV1,
      tokenIssued,
      { ...context, causationId: 'request-7' },
      at('2030-01-01T10:00:00.000Z'),
    );
    const message = encodeEvent(event);
    expect(message.topic).toBe('rekey.reset');
    expect(message.key).toBe('legacy-42');
    expect(JSON.parse(message.value.toString('utf8'))).toEqual(tokenIssued);
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_type: 'rekey.reset.token-issued.v1',
      ce_source: 'reset-issuance',
      ce_subject: 'legacy-42',
      ce_time: '2030-01-01T10:00:00.000Z',
      ce_journeyid: context.journeyId,
      ce_correlationid: event.id,
      ce_causationid: 'request-7',
      'content-type': 'application/json',
    });
  });

  it('leaves out the optional extensions an event does not have', () => {
    const { journeyId: _journey, ...withoutJourney } = context;
    const message = encodeEvent(createEvent(ResetTokenIssuedV1, tokenIssued, withoutJourney));
    expect(Object.keys(message.headers)).not.toContain('ce_journeyid');
    expect(Object.keys(message.headers)).not.toContain('ce_causationid');
  });
});

describe('an event round trip', () => {
  it('decodes to the event that was encoded', () => {
    const event = createEvent(ResetTokenIssuedV1, tokenIssued, context);
    const decoded = decodeEvent(registry, encodeEvent(event));
    expect(decoded).toEqual({ ok: true, event });
  });

  it('decodes headers and key that arrive as bytes, as Kafka clients deliver them', () => {
    const event = createEvent(ResetTokenIssuedV1, tokenIssued, context);
    const message = encodeEvent(event);
    const asBytes = Object.fromEntries(
      Object.entries(message.headers).map(([name, value]) => [name, Buffer.from(value)]),
    );
    expect(
      decodeEvent(registry, { key: Buffer.from(message.key), value: message.value, headers: asBytes }),
    ).toEqual({
      ok: true,
      event,
    });
  });

  it('keeps trace context out of the event while tolerating it in the headers', () => {
    const event = createEvent(ResetTokenIssuedV1, tokenIssued, context);
    const message = encodeEvent(event);
    const traced = {
      ...message.headers,
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    };
    const decoded = decodeEvent(registry, { ...message, headers: traced });
    expect(decoded.ok && Object.keys(decoded.event)).not.toContain('traceparent');
    expect(decoded).toEqual({ ok: true, event });
  });

  it('drops fields a newer minor revision added, so older consumers keep working', () => {
    const event = createEvent(ResetTokenIssuedV1, tokenIssued, context);
    const message = encodeEvent(event);
    const newer = Buffer.from(JSON.stringify({ ...tokenIssued, addedLater: 'x' }));
    expect(decodeEvent(registry, { ...message, value: newer })).toEqual({ ok: true, event });
  });
});

describe('causedBy', () => {
  it('continues the journey and the correlation chain, caused by the given event', () => {
    const cause = createEvent(ResetTokenIssuedV1, tokenIssued, context);
    const followUp = defineEvent('rekey.fraud.looked-at.v1', 'fraud', z.object({}), {
      description: 'A test event.',
    });
    const effect = createEvent(followUp, {}, causedBy(cause, 'fraud-monitoring'));
    expect(effect).toMatchObject({
      source: 'fraud-monitoring',
      subject: 'legacy-42',
      journeyId: context.journeyId,
      correlationId: cause.correlationId,
      causationId: cause.id,
    });
  });
});

describe('isEventOf', () => {
  it('tells events of a definition from others', () => {
    const event = createEvent(ResetTokenIssuedV1, tokenIssued, context);
    expect(isEventOf(ResetTokenIssuedV1, event)).toBe(true);
    expect(isEventOf({ ...ResetTokenIssuedV1, type: 'rekey.reset.other.v1' }, event)).toBe(false);
  });
});
