import { createPublicKey } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { encodeNoneAttestation } from './attestation-object';
import { generateEs256Key } from './es256-key';

// The hand-written encodings must be the bytes general encoders give for the same values.
describe('hand-written key and attestation encodings', () => {
  it("writes the SPKI node:crypto's DER encoder writes", () => {
    const key = generateEs256Key();

    expect(key.spki).toEqual(createPublicKey(key.privateKey).export({ type: 'spki', format: 'der' }));
  });

  it("writes the COSE key isoCBOR writes for the key's coordinates", () => {
    const key = generateEs256Key();
    const x = key.spki.subarray(27, 59);
    const y = key.spki.subarray(59);

    const expected = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, x],
        [-3, y],
      ]),
    );

    expect(key.cosePublicKey).toEqual(Buffer.from(expected));
  });

  it.each([10, 37, 148, 300])(
    'writes the none attestation isoCBOR writes for %i bytes of authData',
    (length) => {
      const authenticatorData = Buffer.alloc(length, 0xab);

      const expected = isoCBOR.encode(
        new Map<string, string | Uint8Array | Map<string, string>>([
          ['fmt', 'none'],
          ['attStmt', new Map<string, string>()],
          ['authData', authenticatorData],
        ]),
      );

      expect(encodeNoneAttestation(authenticatorData)).toEqual(Buffer.from(expected));
    },
  );
});
