import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { signEnrollmentGrant, type EnrollmentGrantSubject } from '../index';

/**
 * Signs enrollment grants the way reset-issuance does (EdDSA, a key id, a fresh `jti`) with a key
 * of its own, whose JWKS it publishes at `${url}/.well-known/jwks.json` on a loopback port. An
 * enrollment started with `RESET_ISSUANCE_URL=<url>` accepts its grants, so a test or a benchmark
 * can open enrolments without redeeming reset links.
 */
export class GrantIssuer {
  private constructor(
    private readonly privateKey: KeyObject,
    readonly kid: string,
    readonly url: string,
    private readonly server: Server,
  ) {}

  static async start(): Promise<GrantIssuer> {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const jwk = publicKey.export({ format: 'jwk' }) as JWK;
    const kid = await calculateJwkThumbprint(jwk);
    const body = JSON.stringify({ keys: [{ ...jwk, kid, alg: 'EdDSA', use: 'sig' }] });
    const server = createServer((request, response) => {
      response.statusCode = request.url === '/.well-known/jwks.json' ? 200 : 404;
      response.setHeader('Content-Type', 'application/jwk-set+json');
      response.end(response.statusCode === 200 ? body : '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new GrantIssuer(privateKey, kid, `http://127.0.0.1:${port}`, server);
  }

  async sign(
    subject: EnrollmentGrantSubject,
    options: { lifetimeSeconds?: number; now?: Date; key?: KeyObject } = {},
  ): Promise<string> {
    const { jwt } = await signEnrollmentGrant(subject, {
      key: { privateKey: options.key ?? this.privateKey, kid: this.kid },
      jti: randomUUID(),
      now: options.now ?? new Date(),
      lifetimeSeconds: options.lifetimeSeconds ?? 300,
    });
    return jwt;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A journey as reset-issuance hands it over: fresh ids, a target account of its own. */
export function aJourney(overrides: Partial<EnrollmentGrantSubject> = {}): EnrollmentGrantSubject {
  const legacyAccountId = `legacy-${randomUUID()}`;
  return {
    legacyAccountId,
    journeyId: randomUUID(),
    waveId: randomUUID(),
    targetAccountId: `target-${legacyAccountId}`,
    ...overrides,
  };
}
