import { randomBytes } from 'node:crypto';
import { Secret } from 'otpauth';
import { FakeAccountTotpStore } from '../testing/account-totp-store.fake';
import { TotpSecret, totpCodeForStep, totpStepAt } from '../totp/domain/totp-secret';
import { TotpSecretSealer } from '../totp/domain/totp-secret-sealing';
import type { TotpSetUp } from '../totp/totp-set-up';
import { AddTotpAfterSignIn } from './add-totp-after-sign-in';
import type { SignedInSession } from './sign-in-store.port';

const now = new Date('2026-12-02T10:00:00Z');
const session: SignedInSession = {
  hash: Buffer.alloc(32),
  legacyAccountId: 'legacy-1',
  targetAccountId: 'target-1',
  csrfToken: 'csrf',
  assuranceLevel: 'aal1',
  methods: ['password'],
  expiresAt: new Date('2026-12-02T11:00:00Z'),
};

function useCase(withPassword = ['legacy-1']) {
  const store = new FakeAccountTotpStore(new Set(withPassword));
  const sealer = new TotpSecretSealer({ activeKeyId: 'k1', keys: new Map([['k1', randomBytes(32)]]) });
  const clock = { now: () => now, newId: () => 'id' };
  const addTotp = new AddTotpAfterSignIn(store, store, sealer, clock, {
    TOTP_ISSUER: 'Rekey',
  });
  return { store, addTotp };
}

function secretOf(setUp: TotpSetUp | undefined): TotpSecret {
  return TotpSecret.fromBytes(Secret.fromBase32(setUp!.typedSecret.replace(/ /g, '')).bytes);
}

const codeAt = (secret: TotpSecret, offset = 0) => totpCodeForStep(secret, totpStepAt(now) + offset);

describe('AddTotpAfterSignIn', () => {
  it('confirms the shown secret with its code and commits credential-added for TOTP at AAL2', async () => {
    const { store, addTotp } = useCase();
    const secret = secretOf(await addTotp.begin(session));

    expect(await addTotp.confirm(session, codeAt(secret, -1))).toEqual({ kind: 'added' });
    expect(store.factors.get('legacy-1')).toMatchObject({
      confirmedAt: now,
      lastUsedStep: totpStepAt(now) - 1,
    });
    expect(store.events.map((event) => [event.type, event.data])).toEqual([
      [
        'rekey.enrollment.credential-added.v1',
        {
          legacyAccountId: 'legacy-1',
          targetAccountId: 'target-1',
          method: 'totp',
          assuranceLevel: 'aal2',
          phishingResistant: false,
        },
      ],
    ]);
  });

  it('refuses a wrong code with the same secret to show again, and confirms nothing', async () => {
    const { store, addTotp } = useCase();
    const setUp = await addTotp.begin(session);
    const wrong = codeAt(secretOf(setUp)) === '123456' ? '654321' : '123456';

    expect(await addTotp.confirm(session, wrong)).toEqual({
      kind: 'refused',
      refusal: 'totp.code-incorrect',
      setUp: { qrSvg: expect.any(String), typedSecret: setUp!.typedSecret },
    });
    expect(await addTotp.confirm(session, ['123456'])).toMatchObject({ refusal: 'totp.code-malformed' });
    expect(store.factors.get('legacy-1')?.confirmedAt).toBeUndefined();
    expect(store.events).toEqual([]);
  });

  it('tells a code used already once the app is added, and adds nothing twice', async () => {
    const { store, addTotp } = useCase();
    const secret = secretOf(await addTotp.begin(session));
    await addTotp.confirm(session, codeAt(secret));

    expect(await addTotp.confirm(session, codeAt(secret))).toEqual({
      kind: 'refused',
      refusal: 'totp.code-reused',
    });
    expect(await addTotp.confirm(session, codeAt(secret, 1))).toEqual({ kind: 'nothing_pending' });
    expect(await addTotp.begin(session)).toBeUndefined();
    expect(store.events).toHaveLength(1);
  });

  it('makes no secret for an account without a password, and has nothing to confirm for it', async () => {
    const { store, addTotp } = useCase([]);
    expect(await addTotp.begin(session)).toBeUndefined();
    expect(await addTotp.confirm(session, '123456')).toEqual({ kind: 'nothing_pending' });
    expect(store.factors.size).toBe(0);
  });

  it('lets only the latest secret shown be confirmed: a reload replaces the one before', async () => {
    const { addTotp } = useCase();
    const first = secretOf(await addTotp.begin(session));
    const second = secretOf(await addTotp.begin(session));

    expect(await addTotp.confirm(session, codeAt(first))).toMatchObject({ kind: 'refused' });
    expect(await addTotp.confirm(session, codeAt(second))).toEqual({ kind: 'added' });
  });
});
