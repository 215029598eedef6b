import { assuranceOf, meetsMinimum } from './enrolment';

describe('assuranceOf', () => {
  it('counts a passkey as AAL2 and phishing-resistant, whatever else is enrolled', () => {
    expect(assuranceOf(['passkey'])).toEqual({ level: 'aal2', phishingResistant: true });
    expect(assuranceOf(['password', 'passkey', 'recovery_codes'])).toEqual({
      level: 'aal2',
      phishingResistant: true,
    });
  });

  it('counts a password with TOTP as AAL2, a password alone as AAL1', () => {
    expect(assuranceOf(['password', 'totp'])).toEqual({ level: 'aal2', phishingResistant: false });
    expect(assuranceOf(['password', 'recovery_codes'])).toEqual({ level: 'aal1', phishingResistant: false });
  });

  it('gives no level to TOTP or recovery codes without a primary credential', () => {
    expect(assuranceOf(['totp'])).toBeUndefined();
    expect(assuranceOf(['recovery_codes'])).toBeUndefined();
  });
});

describe('meetsMinimum', () => {
  it('lets AAL2 finish where AAL1 is required, and refuses AAL1 where AAL2 is', () => {
    expect(meetsMinimum('aal2', 'aal1')).toBe(true);
    expect(meetsMinimum('aal1', 'aal2')).toBe(false);
    expect(meetsMinimum('aal2', 'aal2')).toBe(true);
  });
});
