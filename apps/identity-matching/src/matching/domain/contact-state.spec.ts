import {
  contactStateClassifier,
  contactStateCode,
  contactStateOfCode,
  CONTACT_STATES,
} from './contact-state';
import { aLegacyRecord, unverified, verified } from './directory-records.fixture';

const now = new Date('2026-06-01T00:00:00Z');
const contactStateOf = contactStateClassifier({ inactiveAfterDays: 365 }, now);
const longAgo = new Date('2025-05-01T00:00:00Z');

describe('contactStateClassifier', () => {
  it('tells an account with no email and no phone at all apart as having no contact', () => {
    expect(contactStateOf(aLegacyRecord({ id: 'L-1' }))).toBe('none');
    expect(contactStateOf(aLegacyRecord({ id: 'L-2', lastLoginAt: longAgo }))).toBe('none');
  });

  it('says an account whose emails and phones are all unverified has unverified contacts only', () => {
    const record = aLegacyRecord({
      id: 'L-1',
      emails: [unverified('ada@mail.example')],
      phones: [unverified('+447700900001')],
    });
    expect(contactStateOf(record)).toBe('unverified_only');
    expect(contactStateOf({ ...record, lastLoginAt: longAgo })).toBe('unverified_only');
  });

  it('counts a verified phone as much as a verified email', () => {
    const record = aLegacyRecord({
      id: 'L-1',
      emails: [unverified('ada@mail.example')],
      phones: [verified('+447700900001')],
    });
    expect(contactStateOf(record)).toBe('verified');
  });

  it('calls the verified contacts of an account inactive past the limit stale', () => {
    const record = aLegacyRecord({ id: 'L-1', emails: [verified('ada@mail.example')], lastLoginAt: longAgo });
    expect(contactStateOf(record)).toBe('stale_verified');
  });

  it('judges an account that never signed in by its creation date', () => {
    const record = aLegacyRecord({
      id: 'L-1',
      emails: [verified('ada@mail.example')],
      lastLoginAt: undefined,
      createdAt: new Date('2020-01-01T00:00:00Z'),
    });
    expect(contactStateOf(record)).toBe('stale_verified');
    expect(contactStateOf({ ...record, createdAt: new Date('2026-01-01T00:00:00Z') })).toBe('verified');
  });

  it('keeps each state through its one-byte code', () => {
    for (const state of CONTACT_STATES) expect(contactStateOfCode(contactStateCode(state))).toBe(state);
  });
});
