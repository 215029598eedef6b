import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/** COSE algorithm -7: ECDSA with SHA-256 on P-256, the one algorithm this authenticator has. */
export const ES256 = -7;

// The DER SubjectPublicKeyInfo of a P-256 key is this fixed header, then the uncompressed point
// 0x04 | x | y. Exporting the key as JWK and writing both encodings by hand is several times
// quicker than node:crypto's SPKI (or PEM) encoder, which the benchmark would pay on every call.
const P256_SPKI_HEADER = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');
const UNCOMPRESSED_POINT = 0x04;

// The COSE_Key of an EC2 P-256 ES256 key in CTAP2's canonical CBOR (RFC 9052/9053):
// map(5) { 1 (kty): 2 (EC2), 3 (alg): -7 (ES256), -1 (crv): 1 (P-256), -2 (x): bytes(32), -3 (y): bytes(32) }.
const COSE_KEY_PREFIX = Buffer.from('a5010203262001215820', 'hex');
const COSE_Y_PREFIX = Buffer.from('225820', 'hex');

export interface Es256Key {
  privateKey: KeyObject;
  /** DER SubjectPublicKeyInfo. */
  spki: Buffer;
  /** The COSE_Key authenticator data carries. */
  cosePublicKey: Buffer;
}

export function generateEs256Key(): Es256Key {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { x: jwkX, y: jwkY } = publicKey.export({ format: 'jwk' });
  if (jwkX === undefined || jwkY === undefined)
    throw new Error('node:crypto exported an EC key without x or y');
  const x = Buffer.from(jwkX, 'base64url');
  const y = Buffer.from(jwkY, 'base64url');
  return {
    privateKey,
    spki: Buffer.concat([P256_SPKI_HEADER, Buffer.of(UNCOMPRESSED_POINT), x, y]),
    cosePublicKey: Buffer.concat([COSE_KEY_PREFIX, x, COSE_Y_PREFIX, y]),
  };
}

/** An ECDSA signature in the ASN.1 DER form WebAuthn requires (node:crypto's default for EC keys). */
export function signEs256(privateKey: KeyObject, data: Uint8Array): Buffer {
  return sign('sha256', data, privateKey);
}
