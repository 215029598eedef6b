/** A passkey as enrollment keeps it: public material and facts only, never a private key. */
export interface PasskeyCredential {
  /** base64url, as WebAuthn responses carry it. */
  id: string;
  legacyAccountId: string;
  /** The WebAuthn user.id the passkey was made for (random, per account; names nobody). */
  userHandle: Buffer;
  publicKey: Buffer;
  counter: number;
  transports: string[];
  deviceType: 'singleDevice' | 'multiDevice';
  backupEligible: boolean;
  backedUp: boolean;
  aaguid: string;
  createdAt: Date;
  provenAt?: Date;
  lastUsedAt?: Date;
}

export type CeremonyPurpose = 'registration' | 'authentication';
