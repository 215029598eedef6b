import type { KeyObject } from 'node:crypto';
import { NotAllowedError } from './authenticator.errors';

/** A credential the device holds, as tests may inspect it (no private key). */
export interface HeldCredential {
  /** base64url, as relying parties store it. */
  id: string;
  rpId: string;
  /** `user.id` of the registration options (base64url), returned as `userHandle`. */
  userHandle: string;
  counter: number;
  /** DER SubjectPublicKeyInfo of the credential's P-256 key. */
  publicKey: Buffer;
}

export interface StoredCredential extends HeldCredential {
  privateKey: KeyObject;
  backupEligible: boolean;
  backedUp: boolean;
}

interface Entry extends StoredCredential {
  /** Creation order: when several credentials fit, the newest answers, as account choosers list it first. */
  sequence: number;
}

/** The credentials of one device, found by id and by RP ID in constant time, whatever their number. */
export class HeldCredentials {
  private readonly byId = new Map<string, Entry>();
  private readonly byRpId = new Map<string, Entry[]>();

  hold(credential: StoredCredential): void {
    const entry = { ...credential, sequence: this.byId.size };
    this.byId.set(entry.id, entry);
    const forRpId = this.byRpId.get(entry.rpId);
    if (forRpId) forRpId.push(entry);
    else this.byRpId.set(entry.rpId, [entry]);
  }

  holds(id: string, rpId: string): boolean {
    return this.byId.get(id)?.rpId === rpId;
  }

  /**
   * The credential that answers a request for `rpId`: one of `allowCredentials`, or any held for
   * the RP ID when the list is empty (discoverable); `credentialId` narrows the choice.
   */
  pick(
    rpId: string,
    allowCredentials: ReadonlyArray<{ id: string }>,
    credentialId: string | undefined,
  ): StoredCredential {
    const candidates =
      allowCredentials.length === 0
        ? (this.byRpId.get(rpId) ?? [])
        : allowCredentials
            .map((allowed) => this.byId.get(allowed.id))
            .filter((held): held is Entry => held?.rpId === rpId);
    const chosen =
      credentialId === undefined
        ? newest(candidates)
        : candidates.find((candidate) => candidate.id === credentialId);
    if (!chosen) throw new NotAllowedError('This device holds no credential the request allows');
    return chosen;
  }

  list(): HeldCredential[] {
    return [...this.byId.values()].map(({ id, rpId, userHandle, counter, publicKey }) => ({
      id,
      rpId,
      userHandle,
      counter,
      publicKey,
    }));
  }
}

function newest(candidates: readonly Entry[]): Entry | undefined {
  let chosen: Entry | undefined;
  for (const candidate of candidates) {
    if (!chosen || candidate.sequence > chosen.sequence) chosen = candidate;
  }
  return chosen;
}
