import { webAuthnPolicyOf, type WebAuthnSettings } from './webauthn-policy';

const settings: WebAuthnSettings = {
  NODE_ENV: 'development',
  ENROLLMENT_BASE_URL: 'http://localhost:3103',
  WEBAUTHN_RP_NAME: 'Rekey',
  WEBAUTHN_CHALLENGE_SECONDS: 300,
  WEBAUTHN_ATTESTATION: 'none',
};

describe('webAuthnPolicyOf', () => {
  it('binds passkeys to the base URL’s host outside production', () => {
    expect(webAuthnPolicyOf(settings)).toMatchObject({
      rpId: 'localhost',
      origins: ['http://localhost:3103'],
    });
  });

  it('refuses to start in production without an explicit rpID and origins', () => {
    expect(() => webAuthnPolicyOf({ ...settings, NODE_ENV: 'production' })).toThrow('WEBAUTHN_RP_ID');
    expect(() =>
      webAuthnPolicyOf({ ...settings, NODE_ENV: 'production', WEBAUTHN_RP_ID: 'example.com' }),
    ).toThrow('WEBAUTHN_ORIGINS');
  });

  it('accepts origins on the relying party’s domain and refuses others', () => {
    const production = { ...settings, NODE_ENV: 'production' as const, WEBAUTHN_RP_ID: 'example.com' };
    expect(
      webAuthnPolicyOf({ ...production, WEBAUTHN_ORIGINS: ['https://account.example.com'] }).origins,
    ).toEqual(['https://account.example.com']);
    expect(() => webAuthnPolicyOf({ ...production, WEBAUTHN_ORIGINS: ['https://example.org'] })).toThrow(
      'not on the relying party',
    );
  });
});
