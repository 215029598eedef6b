import { decodeCredentialPublicKey, cose } from '@simplewebauthn/server/helpers';
import { InvalidStateError, NotSupportedError, SecurityError } from './authenticator.errors';
import { ORIGIN, RP_ID, registrationOptions, verifyRegistration } from './ceremony.fixture';
import type { RegistrationKnobs } from './knobs';
import { SOFTWARE_AUTHENTICATOR_AAGUID, SoftwareAuthenticator } from './software-authenticator';

describe('SoftwareAuthenticator.createCredential', () => {
  it('makes a registration that simplewebauthn verifies with user verification required', async () => {
    const options = await registrationOptions();
    const authenticator = new SoftwareAuthenticator();

    const response = authenticator.createCredential(options, ORIGIN);
    const verification = await verifyRegistration(response, options);

    expect(verification.verified).toBe(true);
    expect(verification.registrationInfo).toMatchObject({
      fmt: 'none',
      aaguid: SOFTWARE_AUTHENTICATOR_AAGUID,
      userVerified: true,
      credentialDeviceType: 'multiDevice',
      credentialBackedUp: true,
      origin: ORIGIN,
      rpID: RP_ID,
      credential: { id: response.id, counter: 0, transports: ['internal', 'hybrid'] },
    });
    const publicKey = decodeCredentialPublicKey(
      verification.registrationInfo!.credential.publicKey,
    ) as cose.COSEPublicKeyEC2;
    expect(publicKey.get(cose.COSEKEYS.alg)).toBe(cose.COSEALG.ES256);
    expect(publicKey.get(cose.COSEKEYS.crv)).toBe(cose.COSECRV.P256);
    expect(publicKey.get(cose.COSEKEYS.x)).toHaveLength(32);
    expect(publicKey.get(cose.COSEKEYS.y)).toHaveLength(32);
    expect(response.response.publicKeyAlgorithm).toBe(cose.COSEALG.ES256);
    expect(response.clientExtensionResults).toEqual({ credProps: { rk: true } });
  });

  it('keeps user.id as the userHandle of the credential it holds', async () => {
    const options = await registrationOptions();
    const authenticator = new SoftwareAuthenticator();

    const response = authenticator.createCredential(options, ORIGIN);

    expect(authenticator.heldCredentials()).toEqual([
      expect.objectContaining({ id: response.id, rpId: RP_ID, userHandle: options.user.id, counter: 0 }),
    ]);
  });

  it('gives each credential its own random id and key', async () => {
    const authenticator = new SoftwareAuthenticator();
    const first = authenticator.createCredential(await registrationOptions(), ORIGIN);
    const second = authenticator.createCredential(await registrationOptions(), ORIGIN);

    expect(first.id).not.toBe(second.id);
    expect(first.response.publicKey).not.toBe(second.response.publicKey);
  });

  it('attests the configured AAGUID, counter start and device-bound flags', async () => {
    const options = await registrationOptions();
    const aaguid = '00112233-4455-6677-8899-aabbccddeeff';
    const authenticator = new SoftwareAuthenticator({ aaguid, initialCounter: 7, backupEligible: false });

    const verification = await verifyRegistration(authenticator.createCredential(options, ORIGIN), options);

    expect(verification.registrationInfo).toMatchObject({
      aaguid,
      credentialDeviceType: 'singleDevice',
      credentialBackedUp: false,
      credential: { counter: 7 },
    });
  });

  it('starts a credential at the counter a call asks for', async () => {
    const options = await registrationOptions();
    const authenticator = new SoftwareAuthenticator();

    const verification = await verifyRegistration(
      authenticator.createCredential(options, ORIGIN, { counter: 41 }),
      options,
    );

    expect(verification.registrationInfo?.credential.counter).toBe(41);
    expect(authenticator.heldCredentials()[0]?.counter).toBe(41);
  });

  it('refuses a counter outside the 32 bits authenticator data has for it', async () => {
    const options = await registrationOptions();
    const authenticator = new SoftwareAuthenticator();

    expect(() => authenticator.createCredential(options, ORIGIN, { counter: -1 })).toThrow(RangeError);
    expect(() => authenticator.createCredential(options, ORIGIN, { counter: 2 ** 32 })).toThrow(RangeError);
    expect(authenticator.heldCredentials()).toEqual([]);
  });

  it('refuses flags no authenticator sets: backed up without being backup eligible', () => {
    expect(() => new SoftwareAuthenticator({ backupEligible: false, backedUp: true })).toThrow(RangeError);
  });

  it('refuses, as a browser does, a credential the request excludes that it already holds', async () => {
    const authenticator = new SoftwareAuthenticator();
    const held = authenticator.createCredential(await registrationOptions(), ORIGIN);
    const again = await registrationOptions({ excludeCredentials: [{ id: held.id }] });

    expect(() => authenticator.createCredential(again, ORIGIN)).toThrow(InvalidStateError);
    expect(authenticator.heldCredentials()).toHaveLength(1);
  });

  it('registers on another device even when the request excludes this one', async () => {
    const held = new SoftwareAuthenticator().createCredential(await registrationOptions(), ORIGIN);
    const options = await registrationOptions({ excludeCredentials: [{ id: held.id }] });

    const verification = await verifyRegistration(
      new SoftwareAuthenticator().createCredential(options, ORIGIN),
      options,
    );

    expect(verification.verified).toBe(true);
  });

  it('refuses a request that does not offer ES256', async () => {
    const options = await registrationOptions();
    const rsaOnly = { ...options, pubKeyCredParams: [{ type: 'public-key' as const, alg: -257 }] };

    expect(() => new SoftwareAuthenticator().createCredential(rsaOnly, ORIGIN)).toThrow(NotSupportedError);
  });

  it("refuses, as a browser does, an RP ID that is not the page's host or a parent of it", async () => {
    const options = await registrationOptions();
    const authenticator = new SoftwareAuthenticator();

    expect(() => authenticator.createCredential(options, 'https://rekey.test.evil.example')).toThrow(
      SecurityError,
    );
    expect(authenticator.createCredential(options, `https://www.${RP_ID}`).id).toEqual(expect.any(String));
  });
});

describe('SoftwareAuthenticator.createCredential with attack knobs', () => {
  it('claims another origin, which verification refuses', async () => {
    const options = await registrationOptions();
    const response = new SoftwareAuthenticator().createCredential(options, ORIGIN, {
      origin: 'https://phish.example',
    });

    await expect(verifyRegistration(response, options)).rejects.toThrow(
      'Unexpected registration response origin "https://phish.example"',
    );
  });

  it("carries another RP ID's hash, which verification refuses", async () => {
    const options = await registrationOptions();
    const response = new SoftwareAuthenticator().createCredential(options, ORIGIN, { rpId: 'phish.example' });

    await expect(verifyRegistration(response, options)).rejects.toThrow('Unexpected RP ID hash');
  });

  it('clears the UV flag, which verification requiring user verification refuses', async () => {
    const options = await registrationOptions();
    const response = new SoftwareAuthenticator().createCredential(options, ORIGIN, { userVerified: false });

    await expect(verifyRegistration(response, options)).rejects.toThrow(
      'User verification was required, but user could not be verified',
    );
  });

  it('truncates the attestation CBOR, which verification cannot decode', async () => {
    const options = await registrationOptions();
    const response = new SoftwareAuthenticator().createCredential(options, ORIGIN, {
      corrupt: 'truncated-cbor',
    });

    await expect(verifyRegistration(response, options)).rejects.toThrow(
      'Map is not supported or well formed',
    );
  });

  it('puts JSON members of the wrong types, which verification refuses', async () => {
    const options = await registrationOptions();
    const response = new SoftwareAuthenticator().createCredential(options, ORIGIN, {
      corrupt: 'wrong-types',
    });

    expect(response).toMatchObject({
      response: { clientDataJSON: expect.any(Object), attestationObject: expect.any(Array) },
    });
    await expect(verifyRegistration(response, options)).rejects.toThrow(SyntaxError);
  });

  it('puts CBOR members of the wrong types, which verification refuses', async () => {
    const options = await registrationOptions();
    const response = new SoftwareAuthenticator().createCredential(options, ORIGIN, {
      corrupt: 'wrong-cbor-types',
    });

    await expect(verifyRegistration(response, options)).rejects.toThrow(TypeError);
  });

  it('keeps no credential from a registration a relying party refuses', async () => {
    const authenticator = new SoftwareAuthenticator();
    const refused: RegistrationKnobs[] = [
      { origin: 'https://phish.example' },
      { rpId: 'phish.example' },
      { userVerified: false },
      { corrupt: 'truncated-cbor' },
    ];
    for (const knobs of refused) {
      authenticator.createCredential(await registrationOptions(), ORIGIN, knobs);
    }

    expect(authenticator.heldCredentials()).toEqual([]);
  });
});
