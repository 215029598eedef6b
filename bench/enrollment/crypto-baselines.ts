/**
 * What the enrolment's cryptography costs on one core with node:crypto, as baselines for the
 * end-to-end figure: a P-256 (ES256) signature verification, the one the proving sign-in needs,
 * and an argon2id hash at OWASP's parameters, the one a bridging password needs.
 */
import { argon2Sync, createHash, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';

/** Verifications per second of one DER ECDSA P-256 signature over authenticatorData ‖ SHA-256(clientDataJSON). */
export function rawP256VerifyPerSecond(seconds = 3): number {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // As WebAuthn signs: 37 bytes of authenticator data, then the client data's hash.
  const signed = Buffer.concat([randomBytes(37), createHash('sha256').update(randomBytes(120)).digest()]);
  const signature = sign('sha256', signed, privateKey);
  for (let warmUp = 0; warmUp < 500; warmUp += 1) verify('sha256', signed, publicKey, signature);
  let verified = 0;
  const begun = performance.now();
  const until = begun + seconds * 1000;
  // Checking the clock every 100 verifications keeps its cost out of the figure.
  while (performance.now() < until) {
    for (let i = 0; i < 100; i += 1) if (verify('sha256', signed, publicKey, signature)) verified += 1;
  }
  return verified / ((performance.now() - begun) / 1000);
}

/** OWASP's Password Storage Cheat Sheet: m = 19,456 KiB, t = 2, p = 1 (enrollment's hasher's). */
export const OWASP_ARGON2ID = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32 };

/** Milliseconds per argon2id hash, the median of `hashes` on this thread (one core, one lane). */
export function argon2idMilliseconds(hashes = 15): number {
  const message = Buffer.from('correct horse battery staple, and then some');
  const hashOnce = () => {
    const begun = performance.now();
    argon2Sync('argon2id', { message, nonce: randomBytes(16), ...OWASP_ARGON2ID });
    return performance.now() - begun;
  };
  hashOnce();
  const times = Array.from({ length: hashes }, hashOnce).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}
