// Authenticator data as WebAuthn §6.1 lays it out: rpIdHash (32) | flags (1) | signCount (4, big
// endian) | attested credential data (registration only).

const USER_PRESENT = 1 << 0;
const USER_VERIFIED = 1 << 2;
const BACKUP_ELIGIBLE = 1 << 3;
const BACKED_UP = 1 << 4;
const ATTESTED_CREDENTIAL_DATA = 1 << 6;

export const MAX_COUNTER = 0xffff_ffff;

export interface AuthenticatorFlags {
  userVerified: boolean;
  backupEligible: boolean;
  backedUp: boolean;
}

export interface AttestedCredentialData {
  aaguid: Uint8Array;
  credentialId: Uint8Array;
  cosePublicKey: Uint8Array;
}

export function encodeAuthenticatorData(
  rpIdHash: Uint8Array,
  flags: AuthenticatorFlags,
  counter: number,
  attested?: AttestedCredentialData,
): Buffer {
  const attestedLength = attested
    ? attested.aaguid.length + 2 + attested.credentialId.length + attested.cosePublicKey.length
    : 0;
  const data = Buffer.allocUnsafe(37 + attestedLength);
  data.set(rpIdHash, 0);
  data[32] =
    USER_PRESENT |
    (flags.userVerified ? USER_VERIFIED : 0) |
    (flags.backupEligible ? BACKUP_ELIGIBLE : 0) |
    (flags.backedUp ? BACKED_UP : 0) |
    (attested ? ATTESTED_CREDENTIAL_DATA : 0);
  data.writeUInt32BE(counter, 33);
  if (attested) {
    let offset = 37;
    data.set(attested.aaguid, offset);
    offset += attested.aaguid.length;
    data.writeUInt16BE(attested.credentialId.length, offset);
    offset += 2;
    data.set(attested.credentialId, offset);
    offset += attested.credentialId.length;
    data.set(attested.cosePublicKey, offset);
  }
  return data;
}

export function assertCounter(counter: number): number {
  if (!Number.isInteger(counter) || counter < 0 || counter > MAX_COUNTER) {
    throw new RangeError(`A signature counter is an integer from 0 to ${MAX_COUNTER}, not ${counter}`);
  }
  return counter;
}
