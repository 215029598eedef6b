/** The relying party every ceremony is bound to: one rpID, the origins its pages are served from. */
export interface WebAuthnPolicy {
  rpId: string;
  rpName: string;
  origins: string[];
  challengeSeconds: number;
  attestation: 'none' | 'direct' | 'enterprise';
}

export interface WebAuthnSettings {
  NODE_ENV: 'development' | 'test' | 'production';
  ENROLLMENT_BASE_URL: string;
  WEBAUTHN_RP_ID?: string | undefined;
  WEBAUTHN_RP_NAME: string;
  WEBAUTHN_ORIGINS?: string[] | undefined;
  WEBAUTHN_CHALLENGE_SECONDS: number;
  WEBAUTHN_ATTESTATION: WebAuthnPolicy['attestation'];
}

/**
 * The policy from configuration. In production rpID and origins must be given explicitly: a
 * default derived from a misconfigured base URL would bind every passkey to the wrong domain,
 * and passkeys cannot be moved afterwards. Elsewhere both default to the base URL's host.
 */
export function webAuthnPolicyOf(settings: WebAuthnSettings): WebAuthnPolicy {
  const base = new URL(settings.ENROLLMENT_BASE_URL);
  if (settings.NODE_ENV === 'production') {
    if (!settings.WEBAUTHN_RP_ID) throw new Error('WEBAUTHN_RP_ID: must be set in production');
    if (!settings.WEBAUTHN_ORIGINS?.length) throw new Error('WEBAUTHN_ORIGINS: must be set in production');
  }
  const rpId = settings.WEBAUTHN_RP_ID ?? base.hostname;
  const origins = (settings.WEBAUTHN_ORIGINS ?? [base.origin]).map((origin) => new URL(origin).origin);
  for (const origin of origins) {
    const host = new URL(origin).hostname;
    if (host !== rpId && !host.endsWith(`.${rpId}`)) {
      throw new Error(`WEBAUTHN_ORIGINS: ${origin} is not on the relying party ${rpId}`);
    }
  }
  return {
    rpId,
    rpName: settings.WEBAUTHN_RP_NAME,
    origins,
    challengeSeconds: settings.WEBAUTHN_CHALLENGE_SECONDS,
    attestation: settings.WEBAUTHN_ATTESTATION,
  };
}
