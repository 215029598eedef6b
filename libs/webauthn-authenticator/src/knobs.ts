/**
 * Per-call knobs that make the responses attack tests need and an honest authenticator never
 * makes. They shape the response of the call they are given to; an assertion's knobs leave the
 * held credential (its counter included) as it was.
 */

/** Ways to break a registration response's encoding. */
export type RegistrationCorruption =
  /** The attestation object's CBOR cut off in the middle of its map, before authData. */
  | 'truncated-cbor'
  /** The JSON members of the wrong types: numbers and objects where base64url strings belong. */
  | 'wrong-types'
  /** Well-formed CBOR whose members have the wrong types: `fmt` a number, `authData` text. */
  | 'wrong-cbor-types';

/** Ways to break an assertion response's encoding. */
export type AssertionCorruption =
  /** Authenticator data shorter than its 37 fixed bytes. */
  | 'truncated-authenticator-data'
  /** The JSON members of the wrong types: numbers and objects where base64url strings belong. */
  | 'wrong-types';

interface CeremonyKnobs {
  /** The origin clientDataJSON claims, instead of the page's (a lying client). */
  origin?: string;
  /** The RP ID whose hash authenticator data carries, instead of the requested one. */
  rpId?: string;
  /** `false` clears the UV flag, as an authenticator that could not verify the user does. */
  userVerified?: boolean;
}

export interface RegistrationKnobs extends CeremonyKnobs {
  /** The signature counter the new credential starts at (default: the authenticator's). */
  counter?: number;
  corrupt?: RegistrationCorruption;
}

export interface AssertionKnobs extends CeremonyKnobs {
  /**
   * The counter this assertion signs instead of the next one (for instance one going backwards,
   * as a cloned authenticator's does); the held counter is left where it was.
   */
  counter?: number;
  /** Which matching credential to use when several fit (a browser's account chooser). */
  credentialId?: string;
  corrupt?: AssertionCorruption;
}

/** A response broken on purpose: it no longer has the shape of its WebAuthn type. */
export type MalformedResponseJSON = Record<string, unknown>;

/**
 * A registration made with any of these knobs is one a relying party refuses, so the device keeps
 * no credential from it: a later discoverable sign-in cannot pick a credential no server knows.
 */
export function isRefusedRegistration(knobs: RegistrationKnobs): boolean {
  return (
    knobs.origin !== undefined ||
    knobs.rpId !== undefined ||
    knobs.userVerified === false ||
    knobs.corrupt !== undefined
  );
}
