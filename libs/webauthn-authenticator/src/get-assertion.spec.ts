import type { WebAuthnCredential } from '@simplewebauthn/server';
import { NotAllowedError, SecurityError } from './authenticator.errors';
import {
  ORIGIN,
  RP_ID,
  authenticationOptions,
  registeredCredential,
  registrationOptions,
  verifyAuthentication,
} from './ceremony.fixture';
import { SoftwareAuthenticator } from './software-authenticator';

async function enrolledDevice(userName = 'customer@example.com') {
  const authenticator = new SoftwareAuthenticator();
  const options = await registrationOptions({ userName });
  const credential = await registeredCredential(authenticator.createCredential(options, ORIGIN), options);
  return { authenticator, credential, userHandle: options.user.id };
}

/** Signs in once with the credential and returns it as the relying party then stores it. */
async function signedInOnce(authenticator: SoftwareAuthenticator, credential: WebAuthnCredential) {
  const options = await authenticationOptions([{ id: credential.id }]);
  const verification = await verifyAuthentication(
    authenticator.getAssertion(options, ORIGIN),
    options,
    credential,
  );
  return { ...credential, counter: verification.authenticationInfo.newCounter };
}

describe('SoftwareAuthenticator.getAssertion', () => {
  it('signs an assertion that simplewebauthn verifies with user verification required', async () => {
    const { authenticator, credential, userHandle } = await enrolledDevice();
    const options = await authenticationOptions([{ id: credential.id }]);

    const response = authenticator.getAssertion(options, ORIGIN);
    const verification = await verifyAuthentication(response, options, credential);

    expect(verification.verified).toBe(true);
    expect(verification.authenticationInfo).toMatchObject({
      credentialID: credential.id,
      newCounter: 1,
      userVerified: true,
      credentialDeviceType: 'multiDevice',
      credentialBackedUp: true,
      origin: ORIGIN,
      rpID: RP_ID,
    });
    expect(response.response.userHandle).toBe(userHandle);
  });

  it('counts up with every assertion, so the counter check passes each time', async () => {
    const { authenticator, credential } = await enrolledDevice();
    let stored = credential;

    for (const expected of [1, 2, 3]) {
      stored = await signedInOnce(authenticator, stored);
      expect(stored.counter).toBe(expected);
    }
    expect(authenticator.heldCredentials()[0]?.counter).toBe(3);
  });

  it('answers a discoverable request (empty allowCredentials) with the userHandle of the credential', async () => {
    const { authenticator, credential, userHandle } = await enrolledDevice();
    const options = await authenticationOptions();

    const response = authenticator.getAssertion(options, ORIGIN);

    expect(response.id).toBe(credential.id);
    expect(response.response.userHandle).toBe(userHandle);
    expect((await verifyAuthentication(response, options, credential)).verified).toBe(true);
  });

  it('answers a discoverable request with the newest credential for the RP ID, or the one asked for', async () => {
    const authenticator = new SoftwareAuthenticator();
    const firstOptions = await registrationOptions({ userName: 'first@example.com' });
    const first = authenticator.createCredential(firstOptions, ORIGIN);
    const secondOptions = await registrationOptions({ userName: 'second@example.com' });
    const second = authenticator.createCredential(secondOptions, ORIGIN);
    const options = await authenticationOptions();

    expect(authenticator.getAssertion(options, ORIGIN).response.userHandle).toBe(secondOptions.user.id);
    expect(authenticator.getAssertion(options, ORIGIN, { credentialId: first.id }).id).toBe(first.id);
    expect(second.id).not.toBe(first.id);
  });

  it('uses only a credential the request allows', async () => {
    const { authenticator, credential } = await enrolledDevice();
    const other = new SoftwareAuthenticator().createCredential(await registrationOptions(), ORIGIN);

    const onlyOther = await authenticationOptions([other]);

    expect(() => authenticator.getAssertion(onlyOther, ORIGIN)).toThrow(NotAllowedError);
    expect(authenticator.getAssertion(await authenticationOptions([other, credential]), ORIGIN).id).toBe(
      credential.id,
    );
  });

  it('holds credentials per RP ID: another site gets none of them', async () => {
    const { authenticator } = await enrolledDevice();

    const { challenge } = await authenticationOptions();

    expect(() => authenticator.getAssertion({ challenge }, 'https://other.example')).toThrow(NotAllowedError);
    expect(() => authenticator.getAssertion({ challenge, rpId: RP_ID }, 'https://other.example')).toThrow(
      SecurityError,
    );
  });
});

describe('SoftwareAuthenticator.getAssertion with attack knobs', () => {
  it('claims another origin, which verification refuses', async () => {
    const { authenticator, credential } = await enrolledDevice();
    const options = await authenticationOptions([{ id: credential.id }]);

    const response = authenticator.getAssertion(options, ORIGIN, { origin: 'https://phish.example' });

    await expect(verifyAuthentication(response, options, credential)).rejects.toThrow(
      'Unexpected authentication response origin "https://phish.example"',
    );
  });

  it("carries another RP ID's hash, which verification refuses", async () => {
    const { authenticator, credential } = await enrolledDevice();
    const options = await authenticationOptions([{ id: credential.id }]);

    const response = authenticator.getAssertion(options, ORIGIN, { rpId: 'phish.example' });

    await expect(verifyAuthentication(response, options, credential)).rejects.toThrow(
      'Unexpected RP ID hash',
    );
  });

  it('clears the UV flag, which verification requiring user verification refuses', async () => {
    const { authenticator, credential } = await enrolledDevice();
    const options = await authenticationOptions([{ id: credential.id }]);

    const response = authenticator.getAssertion(options, ORIGIN, { userVerified: false });

    await expect(verifyAuthentication(response, options, credential)).rejects.toThrow(
      'User verification required, but user could not be verified',
    );
  });

  it("signs a counter going backwards, which simplewebauthn's counter check refuses", async () => {
    const { authenticator, credential } = await enrolledDevice();
    const stored = await signedInOnce(authenticator, await signedInOnce(authenticator, credential));
    const options = await authenticationOptions([{ id: credential.id }]);

    const response = authenticator.getAssertion(options, ORIGIN, { counter: 1 });

    await expect(verifyAuthentication(response, options, stored)).rejects.toThrow(
      'Response counter value 1 was lower than expected 2',
    );
  });

  it('leaves the held counter as it was after an assertion with a counter knob', async () => {
    const { authenticator, credential } = await enrolledDevice();
    const stored = await signedInOnce(authenticator, credential);
    authenticator.getAssertion(await authenticationOptions(), ORIGIN, { counter: 0 });

    const next = await signedInOnce(authenticator, stored);

    expect(next.counter).toBe(2);
  });

  it('truncates authenticator data, which verification refuses', async () => {
    const { authenticator, credential } = await enrolledDevice();
    const options = await authenticationOptions([{ id: credential.id }]);

    const response = authenticator.getAssertion(options, ORIGIN, { corrupt: 'truncated-authenticator-data' });

    await expect(verifyAuthentication(response, options, credential)).rejects.toThrow(
      'Authenticator data was 20 bytes, expected at least 37 bytes',
    );
  });

  it('puts JSON members of the wrong types, which verification refuses', async () => {
    const { authenticator, credential } = await enrolledDevice();
    const options = await authenticationOptions([{ id: credential.id }]);

    const response = authenticator.getAssertion(options, ORIGIN, { corrupt: 'wrong-types' });

    expect(response).toMatchObject({ response: { signature: 0, clientDataJSON: expect.any(Object) } });
    await expect(verifyAuthentication(response, options, credential)).rejects.toThrow(
      'Credential response clientDataJSON was not a string',
    );
  });
});
