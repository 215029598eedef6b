// The attestation object of the `none` format (WebAuthn §8.7): no statement, so a relying party
// trusts the key it registers without a vendor's certificate, as consumer passkeys usually ask.
// Its CBOR has one shape, written by hand in CTAP2's canonical key order:
// map(3) { "fmt": "none", "attStmt": {}, "authData": bytes(n) }. A general CBOR encoder costs
// more than the rest of a registration; the spec proves these bytes equal isoCBOR's.
const NONE_ATTESTATION_PREFIX = Buffer.concat([
  Buffer.from([0xa3]),
  Buffer.from([0x63]),
  Buffer.from('fmt', 'ascii'),
  Buffer.from([0x64]),
  Buffer.from('none', 'ascii'),
  Buffer.from([0x67]),
  Buffer.from('attStmt', 'ascii'),
  Buffer.from([0xa0]),
  Buffer.from([0x68]),
  Buffer.from('authData', 'ascii'),
]);

export function encodeNoneAttestation(authenticatorData: Buffer): Buffer {
  return Buffer.concat([
    NONE_ATTESTATION_PREFIX,
    byteStringHeader(authenticatorData.length),
    authenticatorData,
  ]);
}

/** CBOR major type 2 (byte string) with its length, RFC 8949 §3.1. */
function byteStringHeader(length: number): Buffer {
  if (length < 24) return Buffer.of(0x40 | length);
  if (length < 0x100) return Buffer.of(0x58, length);
  if (length < 0x10000) return Buffer.of(0x59, length >> 8, length & 0xff);
  throw new RangeError(`Authenticator data of ${length} bytes is more than any authenticator sends`);
}
