import type { WebAuthnConfig } from './webauthn.environment';
import { webAuthnPolicyOf, type WebAuthnPolicy } from './domain/webauthn-policy';

export const WEBAUTHN_POLICY = Symbol('WebAuthnPolicy');

export function loadWebAuthnPolicy(config: WebAuthnConfig): WebAuthnPolicy {
  return webAuthnPolicyOf(config);
}
