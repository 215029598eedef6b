export {
  SoftwareAuthenticator,
  SOFTWARE_AUTHENTICATOR_AAGUID,
  type AuthenticatorTransport,
  type HeldCredential,
  type SoftwareAuthenticatorOptions,
} from './software-authenticator';
export type {
  AssertionCorruption,
  AssertionKnobs,
  MalformedResponseJSON,
  RegistrationCorruption,
  RegistrationKnobs,
} from './knobs';
export {
  AuthenticatorError,
  InvalidStateError,
  NotAllowedError,
  NotSupportedError,
  SecurityError,
  type AuthenticatorErrorName,
} from './authenticator.errors';
