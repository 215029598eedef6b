import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose';
import { EnrollmentGrantRejected } from './enrollment-grant.errors';
import { ENROLLMENT_GRANT_ISSUER } from './grant-claims';
import { signEnrollmentGrant, type GrantSigningKey } from './sign-enrollment-grant';
import { verifyEnrollmentGrant, type ConsumeJti } from './verify-enrollment-grant';

const subject = {
  legacyAccountId: 'legacy-42',
  journeyId: randomUUID(),
  waveId: randomUUID(),
  targetAccountId: 'target-42',
};
const issuedAt = new Date('2026-01-05T10:00:00Z');
const minutesLater = (minutes: number) => new Date(issuedAt.getTime() + minutes * 60_000);

async function aKey(): Promise<{ key: GrantSigningKey; jwks: JSONWebKeySet }> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { key: { privateKey, kid }, jwks: { keys: [{ ...jwk, kid, alg: 'EdDSA', use: 'sig' }] } };
}

function inMemoryJtis(): ConsumeJti {
  const used = new Set<string>();
  return async (jti) => !used.has(jti) && Boolean(used.add(jti));
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EnrollmentGrantRejected) return error.reason;
    throw error;
  }
  throw new Error('expected the grant to be refused');
}

describe('enrollment grants', () => {
  let signer: { key: GrantSigningKey; jwks: JSONWebKeySet };
  let other: { key: GrantSigningKey; jwks: JSONWebKeySet };
  beforeAll(async () => {
    [signer, other] = await Promise.all([aKey(), aKey()]);
  });

  const sign = (lifetimeSeconds = 300) =>
    signEnrollmentGrant(subject, { key: signer.key, jti: randomUUID(), now: issuedAt, lifetimeSeconds });
  const verify = (jwt: string, overrides: Partial<Parameters<typeof verifyEnrollmentGrant>[1]> = {}) =>
    verifyEnrollmentGrant(jwt, {
      jwks: signer.jwks,
      issuer: ENROLLMENT_GRANT_ISSUER,
      now: minutesLater(1),
      consumeJti: inMemoryJtis(),
      ...overrides,
    });

  it('hands over the journey it was signed for, with its jti and expiry', async () => {
    const { jwt, grant } = await sign();
    const verified = await verify(jwt);
    expect(verified).toEqual({ ...subject, jti: grant.jti, issuedAt, expiresAt: minutesLater(5) });
  });

  it("hands over the wave's enrolment policy when the grant carries one", async () => {
    const policy = {
      minimumAssurance: 'aal2' as const,
      passwordBridgeEndsAt: new Date('2026-04-01T00:00:00Z'),
    };
    const { jwt } = await signEnrollmentGrant(
      { ...subject, policy },
      { key: signer.key, jti: randomUUID(), now: issuedAt, lifetimeSeconds: 300 },
    );
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as object;
    expect(payload).toMatchObject({ minAal: 'aal2', bridgeEnd: Date.parse('2026-04-01T00:00:00Z') / 1000 });
    expect((await verify(jwt)).policy).toEqual(policy);
  });

  it('hands over the trace context of the request that issued it', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const { jwt, grant } = await signEnrollmentGrant(
      { ...subject, traceparent },
      { key: signer.key, jti: randomUUID(), now: issuedAt, lifetimeSeconds: 300 },
    );
    expect(grant.traceparent).toBe(traceparent);
    expect((await verify(jwt)).traceparent).toBe(traceparent);
  });

  it('leaves a malformed trace context out of the grant it signs', async () => {
    const { jwt, grant } = await signEnrollmentGrant(
      { ...subject, traceparent: '00-not-a-trace-context' },
      { key: signer.key, jti: randomUUID(), now: issuedAt, lifetimeSeconds: 300 },
    );
    expect(grant).not.toHaveProperty('traceparent');
    expect(JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString())).not.toHaveProperty(
      'traceparent',
    );
    expect(await verify(jwt)).not.toHaveProperty('traceparent');
  });

  it('refuses a signed grant whose trace context is not a traceparent', async () => {
    const jwt = await new SignJWT({
      journeyId: subject.journeyId,
      waveId: subject.waveId,
      targetAccountId: subject.targetAccountId,
      traceparent: 'anything at all',
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: signer.key.kid })
      .setIssuer('reset-issuance')
      .setAudience('enrollment')
      .setSubject(subject.legacyAccountId)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(minutesLater(5))
      .sign(signer.key.privateKey);
    expect(await refusal(verify(jwt))).toBe('claims');
  });

  it('carries the kid of its key and the claims enrollment needs', async () => {
    const { jwt } = await sign();
    const [header, payload] = jwt
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toEqual({ alg: 'EdDSA', kid: signer.key.kid, typ: 'JWT' });
    expect(payload).toMatchObject({
      iss: 'reset-issuance',
      aud: 'enrollment',
      sub: 'legacy-42',
      journeyId: subject.journeyId,
      waveId: subject.waveId,
      targetAccountId: 'target-42',
    });
    expect(payload.exp - payload.iat).toBe(300);
  });

  it('works once: the second presentation is refused as already used', async () => {
    const { jwt } = await sign();
    const consumeJti = inMemoryJtis();
    await verify(jwt, { consumeJti });
    expect(await refusal(verify(jwt, { consumeJti }))).toBe('already-used');
  });

  it('refuses a grant after it expired', async () => {
    const { jwt } = await sign(300);
    expect(await refusal(verify(jwt, { now: minutesLater(6) }))).toBe('expired');
  });

  it('refuses a grant signed for longer than ten minutes, even with a valid signature', async () => {
    const jwt = await new SignJWT({
      journeyId: subject.journeyId,
      waveId: subject.waveId,
      targetAccountId: 'target-42',
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: signer.key.kid })
      .setIssuer('reset-issuance')
      .setAudience('enrollment')
      .setSubject('legacy-42')
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(minutesLater(11))
      .sign(signer.key.privateKey);
    expect(await refusal(verify(jwt))).toBe('lifetime-too-long');
  });

  it('will not sign a grant for longer than ten minutes', async () => {
    await expect(sign(601)).rejects.toThrow(/between 1 and 600 seconds/);
  });

  it('will only sign with an Ed25519 private key', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const options = { jti: randomUUID(), now: issuedAt, lifetimeSeconds: 300 };
    await expect(
      signEnrollmentGrant(subject, { ...options, key: { privateKey, kid: 'p-256' } }),
    ).rejects.toThrow(/Ed25519 private key/);
    await expect(
      signEnrollmentGrant(subject, { ...options, key: { privateKey: publicKey, kid: signer.key.kid } }),
    ).rejects.toThrow(/Ed25519 private key/);
  });

  it("refuses a grant signed by a key outside the issuer's key set", async () => {
    const { jwt } = await signEnrollmentGrant(subject, {
      key: { ...other.key, kid: signer.key.kid },
      jti: randomUUID(),
      now: issuedAt,
      lifetimeSeconds: 300,
    });
    expect(await refusal(verify(jwt))).toBe('signature');
  });

  it('refuses another issuer, another audience, and a grant missing a claim', async () => {
    const { jwt } = await sign();
    expect(await refusal(verify(jwt, { issuer: 'someone-else' }))).toBe('issuer');

    const forAnotherAudience = await new SignJWT({ ...subject })
      .setProtectedHeader({ alg: 'EdDSA', kid: signer.key.kid })
      .setIssuer('reset-issuance')
      .setAudience('billing')
      .setSubject('legacy-42')
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(minutesLater(5))
      .sign(signer.key.privateKey);
    expect(await refusal(verify(forAnotherAudience))).toBe('audience');

    const withoutJourney = await new SignJWT({ waveId: subject.waveId, targetAccountId: 't' })
      .setProtectedHeader({ alg: 'EdDSA', kid: signer.key.kid })
      .setIssuer('reset-issuance')
      .setAudience('enrollment')
      .setSubject('legacy-42')
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(minutesLater(5))
      .sign(signer.key.privateKey);
    expect(await refusal(verify(withoutJourney))).toBe('claims');
  });

  it('refuses any algorithm but EdDSA, including an HMAC over the public key', async () => {
    const hmac = await new SignJWT({ ...subject })
      .setProtectedHeader({ alg: 'HS256', kid: signer.key.kid })
      .setIssuer('reset-issuance')
      .setAudience('enrollment')
      .setSubject('legacy-42')
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(minutesLater(5))
      .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!'));
    expect(await refusal(verify(hmac))).toBe('algorithm');
  });

  it('refuses garbage without echoing it', async () => {
    const secretLooking = 'not-a-jwt-but-secret-looking-value';
    try {
      await verify(secretLooking);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(EnrollmentGrantRejected);
      expect((error as EnrollmentGrantRejected).reason).toBe('malformed');
      expect((error as Error).message).not.toContain(secretLooking);
    }
  });

  it('does not spend the jti of a grant refused for another reason', async () => {
    const { jwt, grant } = await sign();
    const seen: string[] = [];
    const consumeJti: ConsumeJti = async (jti) => Boolean(seen.push(jti));
    await refusal(verify(jwt, { consumeJti, issuer: 'someone-else' }));
    expect(seen).toEqual([]);
    await verify(jwt, { consumeJti });
    expect(seen).toEqual([grant.jti]);
  });
});
