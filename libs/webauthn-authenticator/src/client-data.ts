import { createHash } from 'node:crypto';

export type ClientDataType = 'webauthn.create' | 'webauthn.get';

/** CollectedClientData, serialised in the member order browsers use (WebAuthn §5.8.1.1). */
export function encodeClientData(type: ClientDataType, challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), 'utf8');
}

export function sha256(data: Uint8Array | string): Buffer {
  return createHash('sha256').update(data).digest();
}
