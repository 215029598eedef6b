import { generateKeyPairSync } from 'node:crypto';
import { ENROLLMENT_GRANT_ISSUER, verifyEnrollmentGrant } from '../index';
import { aJourney, GrantIssuer } from './grant-issuer';

describe('GrantIssuer', () => {
  let issuer: GrantIssuer;
  beforeAll(async () => (issuer = await GrantIssuer.start()));
  afterAll(() => issuer.stop());

  const spendOnce = () => {
    const spent = new Set<string>();
    return async (jti: string) => !spent.has(jti) && Boolean(spent.add(jti));
  };

  it('signs grants that verify against the JWKS it serves, with their journey and a fresh jti each', async () => {
    const journey = aJourney();
    const consumeJti = spendOnce();
    const jwks = new URL(`${issuer.url}/.well-known/jwks.json`);
    const options = { jwks, issuer: ENROLLMENT_GRANT_ISSUER, consumeJti };
    const first = await verifyEnrollmentGrant(await issuer.sign(journey), options);
    const second = await verifyEnrollmentGrant(await issuer.sign(journey), options);
    expect(first).toMatchObject({
      legacyAccountId: journey.legacyAccountId,
      journeyId: journey.journeyId,
      waveId: journey.waveId,
      targetAccountId: journey.targetAccountId,
    });
    expect(second.jti).not.toBe(first.jti);
  });

  it('signs with another key when asked, which its JWKS does not hold', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const forged = await issuer.sign(aJourney(), { key: privateKey });
    await expect(
      verifyEnrollmentGrant(forged, {
        jwks: new URL(`${issuer.url}/.well-known/jwks.json`),
        issuer: ENROLLMENT_GRANT_ISSUER,
        consumeJti: spendOnce(),
      }),
    ).rejects.toMatchObject({ reason: 'signature' });
  });

  it('serves nothing but its JWKS', async () => {
    expect((await fetch(`${issuer.url}/anything`)).status).toBe(404);
  });
});
