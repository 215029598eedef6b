import { randomBytes } from 'node:crypto';
import type {
  AuthenticationExtensionsClientOutputs,
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { encodeNoneAttestation } from './attestation-object';
import { assertCounter, encodeAuthenticatorData } from './authenticator-data';
import { InvalidStateError, NotSupportedError } from './authenticator.errors';
import { encodeClientData, sha256 } from './client-data';
import { ES256, generateEs256Key, signEs256 } from './es256-key';
import { HeldCredentials, type HeldCredential } from './held-credentials';
import {
  isRefusedRegistration,
  type AssertionCorruption,
  type AssertionKnobs,
  type MalformedResponseJSON,
  type RegistrationCorruption,
  type RegistrationKnobs,
} from './knobs';
import { corruptAssertion, corruptRegistration } from './malformed-responses';
import { checkRpIdForOrigin } from './rp-id';

export type { HeldCredential } from './held-credentials';

export type AuthenticatorTransport = 'ble' | 'hybrid' | 'internal' | 'nfc' | 'smart-card' | 'usb';

export interface SoftwareAuthenticatorOptions {
  /** The AAGUID attested at registration (default: {@link SOFTWARE_AUTHENTICATOR_AAGUID}). */
  aaguid?: string;
  /** The BE flag: the credentials may be synced (default true, as a passkey manager's are). */
  backupEligible?: boolean;
  /** The BS flag: the credentials are synced now (default: as `backupEligible`, which it needs). */
  backedUp?: boolean;
  /** The signature counter new credentials start at (default 0). */
  initialCounter?: number;
  /** What registration responses report (default `['internal', 'hybrid']`). */
  transports?: AuthenticatorTransport[];
  /** What every response reports (default `'platform'`). */
  attachment?: 'platform' | 'cross-platform';
}

/** ASCII "rekey-software-a": a fixed AAGUID that tells this tool's credentials apart in stored data. */
export const SOFTWARE_AUTHENTICATOR_AAGUID = '72656b65-792d-736f-6674-776172652d61';

const CREDENTIAL_ID_LENGTH = 16;

/**
 * One device, in software: it holds any number of ES256 credentials and answers WebAuthn
 * registration and authentication requests as a browser with a platform authenticator would, with
 * `none` attestation. A development tool for tests, the demo and benchmarks, never for production:
 * its private keys live in memory, unprotected.
 */
export class SoftwareAuthenticator {
  private readonly aaguid: Buffer;
  private readonly backupEligible: boolean;
  private readonly backedUp: boolean;
  private readonly initialCounter: number;
  private readonly transports: AuthenticatorTransport[];
  private readonly attachment: 'platform' | 'cross-platform';
  private readonly credentials = new HeldCredentials();
  private readonly rpIdHashes = new Map<string, Buffer>();

  constructor(options: SoftwareAuthenticatorOptions = {}) {
    this.aaguid = parseAaguid(options.aaguid ?? SOFTWARE_AUTHENTICATOR_AAGUID);
    this.backupEligible = options.backupEligible ?? true;
    this.backedUp = options.backedUp ?? this.backupEligible;
    if (this.backedUp && !this.backupEligible) {
      throw new RangeError('A credential cannot be backed up (BS) without being backup eligible (BE)');
    }
    this.initialCounter = assertCounter(options.initialCounter ?? 0);
    this.transports = [...(options.transports ?? ['internal', 'hybrid'])];
    this.attachment = options.attachment ?? 'platform';
  }

  /** `navigator.credentials.create()`: a new credential for `options.rp.id`, asked from `origin`. */
  createCredential(
    options: PublicKeyCredentialCreationOptionsJSON,
    origin: string,
    knobs: RegistrationKnobs & { corrupt: RegistrationCorruption },
  ): MalformedResponseJSON;
  createCredential(
    options: PublicKeyCredentialCreationOptionsJSON,
    origin: string,
    knobs?: RegistrationKnobs & { corrupt?: undefined },
  ): RegistrationResponseJSON;
  createCredential(
    options: PublicKeyCredentialCreationOptionsJSON,
    origin: string,
    knobs?: RegistrationKnobs,
  ): RegistrationResponseJSON | MalformedResponseJSON;
  createCredential(
    options: PublicKeyCredentialCreationOptionsJSON,
    origin: string,
    knobs: RegistrationKnobs = {},
  ): RegistrationResponseJSON | MalformedResponseJSON {
    const rpId = checkRpIdForOrigin(origin, options.rp.id);
    if (!options.pubKeyCredParams.some((param) => param.type === 'public-key' && param.alg === ES256)) {
      throw new NotSupportedError(
        'This authenticator has ES256 (-7) only, and the request does not offer it',
      );
    }
    for (const excluded of options.excludeCredentials ?? []) {
      if (this.credentials.holds(excluded.id, rpId)) {
        throw new InvalidStateError('This device already holds a credential the request excludes');
      }
    }
    const counter = assertCounter(knobs.counter ?? this.initialCounter);
    const key = generateEs256Key();
    const idBytes = randomBytes(CREDENTIAL_ID_LENGTH);
    const clientDataJSON = encodeClientData('webauthn.create', options.challenge, knobs.origin ?? origin);
    const authenticatorData = encodeAuthenticatorData(
      this.rpIdHash(knobs.rpId ?? rpId),
      {
        userVerified: knobs.userVerified ?? true,
        backupEligible: this.backupEligible,
        backedUp: this.backedUp,
      },
      counter,
      { aaguid: this.aaguid, credentialId: idBytes, cosePublicKey: key.cosePublicKey },
    );
    const attestationObject = encodeNoneAttestation(authenticatorData);
    const id = idBytes.toString('base64url');
    if (!isRefusedRegistration(knobs)) {
      this.credentials.hold({
        id,
        rpId,
        userHandle: options.user.id,
        counter,
        publicKey: key.spki,
        privateKey: key.privateKey,
        backupEligible: this.backupEligible,
        backedUp: this.backedUp,
      });
    }
    const response: RegistrationResponseJSON = {
      id,
      rawId: id,
      type: 'public-key',
      authenticatorAttachment: this.attachment,
      clientExtensionResults: registrationExtensionResults(options),
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        attestationObject: attestationObject.toString('base64url'),
        authenticatorData: authenticatorData.toString('base64url'),
        transports: [...this.transports],
        publicKeyAlgorithm: ES256,
        publicKey: key.spki.toString('base64url'),
      },
    };
    return knobs.corrupt
      ? corruptRegistration(response, authenticatorData, attestationObject, knobs.corrupt)
      : response;
  }

  /**
   * `navigator.credentials.get()`: an assertion by a held credential among `allowCredentials`, or
   * by any held for the RP ID when the list is empty (discoverable), asked from `origin`.
   */
  getAssertion(
    options: PublicKeyCredentialRequestOptionsJSON,
    origin: string,
    knobs: AssertionKnobs & { corrupt: AssertionCorruption },
  ): MalformedResponseJSON;
  getAssertion(
    options: PublicKeyCredentialRequestOptionsJSON,
    origin: string,
    knobs?: AssertionKnobs & { corrupt?: undefined },
  ): AuthenticationResponseJSON;
  getAssertion(
    options: PublicKeyCredentialRequestOptionsJSON,
    origin: string,
    knobs?: AssertionKnobs,
  ): AuthenticationResponseJSON | MalformedResponseJSON;
  getAssertion(
    options: PublicKeyCredentialRequestOptionsJSON,
    origin: string,
    knobs: AssertionKnobs = {},
  ): AuthenticationResponseJSON | MalformedResponseJSON {
    const rpId = checkRpIdForOrigin(origin, options.rpId);
    const credential = this.credentials.pick(rpId, options.allowCredentials ?? [], knobs.credentialId);
    let counter: number;
    if (knobs.counter === undefined) {
      counter = assertCounter(credential.counter + 1);
      credential.counter = counter;
    } else {
      counter = assertCounter(knobs.counter);
    }
    const authenticatorData = encodeAuthenticatorData(
      this.rpIdHash(knobs.rpId ?? rpId),
      {
        userVerified: knobs.userVerified ?? true,
        backupEligible: credential.backupEligible,
        backedUp: credential.backedUp,
      },
      counter,
    );
    const clientDataJSON = encodeClientData('webauthn.get', options.challenge, knobs.origin ?? origin);
    const signature = signEs256(
      credential.privateKey,
      Buffer.concat([authenticatorData, sha256(clientDataJSON)]),
    );
    const response: AuthenticationResponseJSON = {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      authenticatorAttachment: this.attachment,
      clientExtensionResults: {},
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        authenticatorData: authenticatorData.toString('base64url'),
        signature: signature.toString('base64url'),
        userHandle: credential.userHandle,
      },
    };
    return knobs.corrupt ? corruptAssertion(response, knobs.corrupt) : response;
  }

  /** The credentials this device holds, oldest first. */
  heldCredentials(): HeldCredential[] {
    return this.credentials.list();
  }

  private rpIdHash(rpId: string): Buffer {
    let hash = this.rpIdHashes.get(rpId);
    if (!hash) {
      hash = sha256(rpId);
      this.rpIdHashes.set(rpId, hash);
    }
    return hash;
  }
}

function registrationExtensionResults(
  options: PublicKeyCredentialCreationOptionsJSON,
): AuthenticationExtensionsClientOutputs {
  // Every credential here is discoverable (resident), which is what credProps reports.
  return options.extensions?.credProps ? { credProps: { rk: true } } : {};
}

function parseAaguid(aaguid: string): Buffer {
  const hex = aaguid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new RangeError(`"${aaguid}" is not an AAGUID (a UUID)`);
  return Buffer.from(hex, 'hex');
}
