import { eventRegistry } from './catalogue';
import { decodeEvent } from './decode-event';
import { createEvent, encodeEvent, encodeOutgoingEvent, type RekeyEvent } from './envelope';
import { parseIncomingData, parseOutgoingData } from './event-data-parsing';
import { fixtureOf } from './fixtures/event-fixtures';
import { IdentityContactsReleasedV1 } from './identity/contacts-released.v1';
import { IdentityLinkedV2 } from './identity/linked.v2';
import { ResetTokenIssuedV1 } from './reset/token-issued.v1';
import { RestrictedTopics, Topics } from './topics';

const issued = fixtureOf(ResetTokenIssuedV1.type);
const issuedData = issued.data as Record<string, unknown>;
const context = { source: 'reset-issuance', subject: issued.subject };

describe('producers are strict', () => {
  it('refuse an undeclared field at the top of the data', () => {
    const result = parseOutgoingData(ResetTokenIssuedV1, { ...issuedData, resetUrl: 'https://x' });
    expect(result).toEqual({
      ok: false,
      issues: ['resetUrl: field is not declared in rekey.reset.token-issued.v1'],
    });
  });

  it('refuse an undeclared field however deep, in objects and arrays', () => {
    const linked = fixtureOf(IdentityLinkedV2.type).data as { evidence: object[]; maskedContacts: object[] };
    const result = parseOutgoingData(IdentityLinkedV2, {
      ...linked,
      evidence: [linked.evidence[0], { ...linked.evidence[1], compared: 'Doe' }],
      maskedContacts: [{ ...linked.maskedContacts[0], value: 'jane.doe@example.com' }],
    });
    expect(result.ok ? [] : result.issues).toEqual([
      'evidence[1].compared: field is not declared in rekey.identity.linked.v2',
      'maskedContacts[0].value: field is not declared in rekey.identity.linked.v2',
    ]);
  });

  it('accept declared data, and an optional field given as undefined', () => {
    expect(parseOutgoingData(ResetTokenIssuedV1, { ...issuedData, issuedBy: undefined }).ok).toBe(true);
  });

  it('createEvent throws on an undeclared field instead of dropping it', () => {
    const data = { ...issuedData, resetToken: 'abc' } as never;
    expect(() => createEvent(ResetTokenIssuedV1, data, context)).toThrow(
      'Invalid data for rekey.reset.token-issued.v1: resetToken: field is not declared',
    );
  });

  it('an event cannot gain a field after createEvent checked it: it is frozen', () => {
    const event = createEvent(ResetTokenIssuedV1, issuedData as never, context);
    expect(() => {
      (event.data as Record<string, unknown>)['resetToken'] = 'abc';
    }).toThrow(TypeError);
  });

  it('the outbox path refuses an event built by hand with an undeclared field or type', () => {
    const event = createEvent(ResetTokenIssuedV1, issuedData as never, context);
    const handMade: RekeyEvent = { ...event, data: { ...event.data, resetToken: 'abc' } };
    expect(() => encodeOutgoingEvent(handMade)).toThrow('resetToken: field is not declared');
    expect(() => encodeOutgoingEvent({ ...event, type: 'rekey.reset.token-leaked.v1' })).toThrow(
      'not in the event catalogue',
    );
    expect(() => encodeOutgoingEvent({ ...event, data: { ...event.data } })).not.toThrow();
    expect(encodeOutgoingEvent(event).topic).toBe(Topics.reset);
  });

  it('publishes a restricted event on its restricted topic, not on its area topic', () => {
    const fixture = fixtureOf(IdentityContactsReleasedV1.type);
    const event = createEvent(IdentityContactsReleasedV1, fixture.data as never, {
      source: 'identity-matching',
      subject: fixture.subject,
    });
    expect(encodeOutgoingEvent(event).topic).toBe(RestrictedTopics.identityContacts);
  });

  it("publishes a copy of restricted data on each reader's topic it names, and on no other", () => {
    const fixture = fixtureOf(IdentityContactsReleasedV1.type);
    const context = { source: 'identity-matching', subject: fixture.subject };
    const copies = IdentityContactsReleasedV1.topics.map((topic) =>
      createEvent(IdentityContactsReleasedV1, fixture.data as never, { ...context, topic }),
    );
    expect(copies.map((copy) => encodeOutgoingEvent(copy).topic)).toEqual([
      RestrictedTopics.identityContacts,
      RestrictedTopics.enrollmentContacts,
    ]);
    expect(() =>
      createEvent(IdentityContactsReleasedV1, fixture.data as never, { ...context, topic: Topics.identity }),
    ).toThrow('is not published on rekey.identity');
    const [copy] = copies;
    expect(() => encodeOutgoingEvent({ ...copy!, topic: Topics.audit })).toThrow('not one of its topics');
  });
});

describe('consumers are tolerant', () => {
  it('drop a field added to the version after they were built, at any depth', () => {
    const result = parseIncomingData(ResetTokenIssuedV1, {
      ...issuedData,
      deliveredBy: 'mta-2',
      channel: { ...(issuedData['channel'] as object), provider: 'ses' },
    });
    expect(result).toEqual({ ok: true, data: issuedData });
  });

  it('still refuse data that breaks the declared fields', () => {
    expect(parseIncomingData(ResetTokenIssuedV1, { ...issuedData, waveId: 'w-1' }).ok).toBe(false);
  });

  it('decodeEvent accepts a message from a newer producer of the same version and drops the new field', () => {
    const message = encodeEvent(createEvent(ResetTokenIssuedV1, issuedData as never, context));
    const newer = Buffer.from(JSON.stringify({ ...issuedData, deliveredBy: 'mta-2' }));
    const result = decodeEvent(eventRegistry, { ...message, value: newer });
    expect(result.ok && result.event.data).toEqual(issuedData);
  });
});
