import { noticeChannel, type NoticeFacts } from './notice-plan';

const now = new Date('2026-12-10T09:00:00Z');
const notice: NoticeFacts = {
  kind: 'reminder',
  journeyStatus: 'issued',
  cutoffAt: new Date('2026-12-18T09:00:00Z'),
  contacts: [{ kind: 'sms', value: '+33612345678' }],
};

describe('noticeChannel', () => {
  it('reminds customers who have not used their link, by SMS when they have no email', () => {
    expect(noticeChannel(notice, now)).toEqual({ kind: 'sms', value: '+33612345678' });
    expect(noticeChannel({ ...notice, journeyStatus: 'expired' }, now)).toBeDefined();
  });

  it('does not remind a customer who already redeemed', () => {
    expect(noticeChannel({ ...notice, journeyStatus: 'redeemed' }, now)).toBeUndefined();
    expect(
      noticeChannel({ ...notice, kind: 'advance_notice', journeyStatus: 'redeemed' }, now),
    ).toBeDefined();
  });

  it('sends nothing after the cutoff or without a channel', () => {
    expect(noticeChannel(notice, new Date('2026-12-18T09:00:00Z'))).toBeUndefined();
    expect(noticeChannel({ ...notice, contacts: [] }, now)).toBeUndefined();
  });
});
