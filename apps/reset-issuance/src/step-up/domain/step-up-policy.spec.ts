import { stepUpChannelOf, stepUpReasonsOf } from './step-up-policy';

describe('step-up policy', () => {
  it('asks privileged, delegated and shared-contact accounts to step up', () => {
    expect(stepUpReasonsOf(['privileged'], false)).toEqual(['privileged']);
    expect(stepUpReasonsOf(['delegated', 'shared_contact'], false)).toEqual(['delegated', 'shared_contact']);
  });

  it('lets standard accounts through unless fraud monitoring flagged them', () => {
    expect(stepUpReasonsOf(['standard', 'inactive'], false)).toEqual([]);
    expect(stepUpReasonsOf(['standard'], true)).toEqual(['fraud_flag']);
  });

  it('sends the code to a verified contact of the other kind than the link', () => {
    const contacts = [
      { kind: 'email' as const, value: 'jane@example.com' },
      { kind: 'sms' as const, value: '+33612345678' },
    ];
    expect(stepUpChannelOf('email', contacts)).toEqual({ kind: 'sms', value: '+33612345678' });
    expect(stepUpChannelOf('sms', contacts)).toEqual({ kind: 'email', value: 'jane@example.com' });
  });

  it('finds no channel when every verified contact is of the link kind', () => {
    expect(stepUpChannelOf('email', [{ kind: 'email', value: 'jane@example.com' }])).toBeUndefined();
    expect(stepUpChannelOf('sms', [])).toBeUndefined();
  });
});
