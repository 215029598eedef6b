import { EnrolmentTally } from './enrolment-tally';

describe('EnrolmentTally', () => {
  it('counts enrolments by method and level, and every other outcome apart', () => {
    const tally = new EnrolmentTally();
    const passkey = { kind: 'enrolled', method: 'passkey', assurance: 'AAL2, phishing-resistant' } as const;
    tally.add(passkey);
    tally.add(passkey);
    tally.add({ kind: 'redeemed_not_enrolled', reason: 'left on the methods page' });
    tally.add({ kind: 'never_clicked' });
    tally.add({ kind: 'not_redeemed', reason: 'rate limited' });
    tally.addBroken(new Error('POST /enroll/passkey/proof was not answered in time'));

    expect(tally.total).toBe(6);
    expect(tally.enrolledCount).toBe(2);
    const text = tally.text();
    expect(text).toMatch(/passkey\s+AAL2, phishing-resistant\s+2/);
    expect(text).toMatch(/redeemed, not enrolled\s+1/);
    expect(text).toMatch(/left on the methods page\s+1/);
    expect(text).toMatch(/never clicked\s+1/);
    expect(text).toMatch(/link not redeemed\s+1/);
    expect(text).toMatch(/run broke off\s+1/);
  });

  it('says when nobody enrolled, and leaves out outcomes that did not happen', () => {
    const tally = new EnrolmentTally();
    tally.add({ kind: 'never_clicked' });
    expect(tally.text()).toMatch(/none\s+-\s+0/);
    expect(tally.text()).not.toContain('link not redeemed');
    expect(tally.text()).not.toContain('run broke off');
  });
});
