/**
 * The DOMException names a browser rejects `navigator.credentials.create()` / `.get()` with, so
 * that code driving this authenticator handles the same failures a customer's browser reports.
 */
export type AuthenticatorErrorName =
  'InvalidStateError' | 'NotAllowedError' | 'NotSupportedError' | 'SecurityError';

export abstract class AuthenticatorError extends Error {
  abstract override readonly name: AuthenticatorErrorName;
}

/** The device already holds a credential listed in `excludeCredentials`. */
export class InvalidStateError extends AuthenticatorError {
  override readonly name = 'InvalidStateError';
}

/** No held credential fits the request (a browser also says this when the user cancels). */
export class NotAllowedError extends AuthenticatorError {
  override readonly name = 'NotAllowedError';
}

/** `pubKeyCredParams` offers no algorithm this authenticator has (it has ES256 only). */
export class NotSupportedError extends AuthenticatorError {
  override readonly name = 'NotSupportedError';
}

/** The RP ID is not the origin's host or a parent domain of it. */
export class SecurityError extends AuthenticatorError {
  override readonly name = 'SecurityError';
}
