import { MalformedPasswordHash } from './password-hash.errors';

/** Argon2 version 1.3 (0x13), the only one node:crypto computes and the one every library writes. */
export const ARGON2_VERSION = 19;

export interface Argon2idParameters {
  /** m, in KiB. */
  memoryKiB: number;
  /** t, the number of passes over the memory. */
  passes: number;
  /** p, the number of lanes. */
  parallelism: number;
  saltBytes: number;
  tagBytes: number;
}

/** One stored hash, as the PHC string format (P-H-C/phc-string-format) lays it out. */
export interface Argon2idHash {
  memoryKiB: number;
  passes: number;
  parallelism: number;
  salt: Buffer;
  tag: Buffer;
}

// Bounds on what this service agrees to verify. A stored string is trusted data, but a row
// altered to ask for m = 4 TiB should fail as unreadable, not take the process down with it.
// They leave room for stronger parameters than today's (up to 256 MiB), and for other
// libraries' hashes (m = 64 MiB, t = 3, p = 4 are common defaults).
const bounds = {
  memoryKiB: { min: 8, max: 256 * 1024 },
  passes: { min: 1, max: 16 },
  parallelism: { min: 1, max: 16 },
  saltBytes: { min: 8, max: 64 },
  tagBytes: { min: 16, max: 64 },
} as const;

const longestPhc = 256;
const decimal = '(0|[1-9][0-9]{0,9})';
const base64 = '([A-Za-z0-9+/]+)';
const phcPattern = new RegExp(
  `^\\$argon2id\\$v=${decimal}\\$m=${decimal},t=${decimal},p=${decimal}\\$${base64}\\$${base64}$`,
);

export function formatArgon2idPhc(hash: Argon2idHash): string {
  return `$argon2id$v=${ARGON2_VERSION}$m=${hash.memoryKiB},t=${hash.passes},p=${hash.parallelism}$${unpaddedBase64(hash.salt)}$${unpaddedBase64(hash.tag)}`;
}

/** Reads a stored hash strictly: anything but the exact form formatArgon2idPhc writes is refused. */
export function parseArgon2idPhc(phc: string): Argon2idHash {
  if (typeof phc !== 'string') throw new MalformedPasswordHash('not a string');
  if (phc.length > longestPhc) throw new MalformedPasswordHash(`longer than ${longestPhc} characters`);
  if (!phc.startsWith('$argon2id$')) throw new MalformedPasswordHash('not an argon2id PHC string');
  const match = phcPattern.exec(phc);
  if (!match) throw new MalformedPasswordHash('not in the form $argon2id$v=19$m=…,t=…,p=…$<salt>$<hash>');
  const [, version = '', memoryKiB = '', passes = '', parallelism = '', salt = '', tag = ''] = match;
  if (Number(version) !== ARGON2_VERSION)
    throw new MalformedPasswordHash(`argon2 version ${version} is not supported`);
  const hash: Argon2idHash = {
    memoryKiB: withinBounds('memoryKiB', Number(memoryKiB)),
    passes: withinBounds('passes', Number(passes)),
    parallelism: withinBounds('parallelism', Number(parallelism)),
    salt: decodeBase64('salt', salt),
    tag: decodeBase64('hash', tag),
  };
  withinBounds('saltBytes', hash.salt.length);
  withinBounds('tagBytes', hash.tag.length);
  // Argon2 needs at least 8 blocks of 1 KiB per lane.
  if (hash.memoryKiB < 8 * hash.parallelism) throw new MalformedPasswordHash('memory below 8 KiB per lane');
  return hash;
}

/** Whether a stored hash was made with the given parameters (else it is re-hashed after a sign-in). */
export function hasParameters(hash: Argon2idHash, parameters: Argon2idParameters): boolean {
  return (
    hash.memoryKiB === parameters.memoryKiB &&
    hash.passes === parameters.passes &&
    hash.parallelism === parameters.parallelism &&
    hash.salt.length === parameters.saltBytes &&
    hash.tag.length === parameters.tagBytes
  );
}

function withinBounds(name: keyof typeof bounds, value: number): number {
  const { min, max } = bounds[name];
  if (value < min || value > max) throw new MalformedPasswordHash(`${name} outside ${min}..${max}`);
  return value;
}

// PHC strings use standard base64 without padding. Node's decoder skips characters it does not
// know and ignores stray bits, so the text must be exactly what encoding the bytes again gives.
function decodeBase64(name: string, text: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  if (unpaddedBase64(bytes) !== text)
    throw new MalformedPasswordHash(`${name} is not canonical unpadded base64`);
  return bytes;
}

function unpaddedBase64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
