import { isoCBOR } from '@simplewebauthn/server/helpers';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { AssertionCorruption, MalformedResponseJSON, RegistrationCorruption } from './knobs';

/** The CBOR text string "authData": its header byte (major type 3, length 8), then the text. */
const AUTH_DATA_KEY = Buffer.concat([Buffer.from([0x68]), Buffer.from('authData', 'ascii')]);

/** Breaks a well-formed registration response the way `corruption` names. */
export function corruptRegistration(
  response: RegistrationResponseJSON,
  authenticatorData: Buffer,
  attestationObject: Buffer,
  corruption: RegistrationCorruption,
): MalformedResponseJSON {
  switch (corruption) {
    case 'truncated-cbor':
      // Cut in the middle of the map's last key. (A cut inside authData's byte string would not
      // do: simplewebauthn's CBOR decoder hands back a shorter byte string than its header says.)
      return withResponse(response, {
        attestationObject: toBase64Url(
          attestationObject.subarray(0, attestationObject.indexOf(AUTH_DATA_KEY) + 4),
        ),
      });
    case 'wrong-types':
      return withResponse(response, {
        clientDataJSON: decodedClientData(response.response.clientDataJSON),
        attestationObject: Array.from(attestationObject),
        transports: response.response.transports?.join(','),
      });
    case 'wrong-cbor-types':
      return withResponse(response, {
        attestationObject: toBase64Url(
          isoCBOR.encode(
            new Map<string, string | number>([
              ['fmt', 7],
              ['attStmt', 'none'],
              ['authData', authenticatorData.toString('hex')],
            ]),
          ),
        ),
      });
  }
}

/** Breaks a well-formed assertion response the way `corruption` names. */
export function corruptAssertion(
  response: AuthenticationResponseJSON,
  corruption: AssertionCorruption,
): MalformedResponseJSON {
  switch (corruption) {
    case 'truncated-authenticator-data':
      return withResponse(response, {
        authenticatorData: toBase64Url(
          Buffer.from(response.response.authenticatorData, 'base64url').subarray(0, 20),
        ),
      });
    case 'wrong-types':
      return withResponse(response, {
        clientDataJSON: decodedClientData(response.response.clientDataJSON),
        authenticatorData: Array.from(Buffer.from(response.response.authenticatorData, 'base64url')),
        signature: 0,
        userHandle: 42,
      });
  }
}

function withResponse(
  response: RegistrationResponseJSON | AuthenticationResponseJSON,
  members: Record<string, unknown>,
): MalformedResponseJSON {
  return { ...response, response: { ...response.response, ...members } };
}

function decodedClientData(clientDataJSON: string): unknown {
  return JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
}

function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}
