import { stepUpSessionHash } from '../step-up/domain/step-up-session';
import type { StepUpChallenge } from '../step-up/domain/step-up-challenge';
import { attemptCases } from './step-up-store.attempt-cases';
import {
  aChallenge,
  aSupportChallenge,
  wrongCode,
  type JourneyInStepUp,
  type StepUpStoreUnderTest,
} from './step-up-store.harness';

export type { JourneyInStepUp, StepUpStoreUnderTest } from './step-up-store.harness';

/**
 * What every StepUpStore does: run against the fake in a unit spec and against the PostgreSQL
 * adapter in an integration spec. Each case makes its own journeys, accounts and sessions.
 */
export function describeStepUpStoreContract(name: string, setUp: () => Promise<StepUpStoreUnderTest>): void {
  describe(`${name} honours the StepUpStore contract`, () => {
    let subject: StepUpStoreUnderTest;
    let journey: JourneyInStepUp;

    beforeEach(async () => {
      subject = await setUp();
      journey = await subject.addJourney('step_up_required');
    });

    it('finds a challenge by the hash of its session, with its journey’s wave and the account’s target', async () => {
      const challenge = aChallenge(journey);
      await subject.open(challenge);

      expect(await subject.store.findBySession(challenge.sessionHash)).toEqual<StepUpChallenge>({
        id: challenge.id,
        journeyId: journey.id,
        legacyAccountId: journey.legacyAccountId,
        waveId: journey.waveId,
        targetAccountId: journey.targetAccountId,
        method: 'one_time_passcode',
        reasons: ['privileged'],
        channel: { kind: 'sms', masked: '+33 6•• •• •• 78' },
        codeDigest: challenge.codeDigest!,
        attempts: 0,
        maxAttempts: 5,
        status: 'pending',
        expiresAt: challenge.expiresAt,
        expired: false,
        superseded: false,
        enrolment: journey.enrolment,
      });
    });

    it('keeps the trace context of the redemption that opened the challenge', async () => {
      const redemptionTraceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      const challenge = aChallenge(journey, { redemptionTraceparent });
      await subject.open(challenge);

      expect(await subject.store.findBySession(challenge.sessionHash)).toMatchObject({
        redemptionTraceparent,
      });
    });

    it('finds nothing for a session no challenge has', async () => {
      await subject.open(aChallenge(journey));

      expect(await subject.store.findBySession(stepUpSessionHash('another session'))).toBeUndefined();
      expect(await subject.store.attempt(stepUpSessionHash('another session'), wrongCode())).toBeUndefined();
    });

    it('says an expired challenge is expired and takes no code on it, counting nothing', async () => {
      const challenge = aChallenge(journey, { expiresAt: new Date(Date.now() - 1_000) });
      await subject.open(challenge);
      const seen: StepUpChallenge[] = [];

      expect(await subject.store.attempt(challenge.sessionHash, wrongCode(false, seen))).toBeUndefined();

      expect(seen).toEqual([]);
      expect(await subject.store.findBySession(challenge.sessionHash)).toMatchObject({
        expired: true,
        attempts: 0,
      });
    });

    it('takes no code on a customer sent to support proofing', async () => {
      const challenge = aSupportChallenge(journey);
      await subject.open(challenge);

      expect(await subject.store.attempt(challenge.sessionHash, wrongCode())).toBeUndefined();

      const found = await subject.store.findBySession(challenge.sessionHash);
      expect(found).toMatchObject({ method: 'support_proofing', status: 'support_required', attempts: 0 });
      expect(found?.channel).toBeUndefined();
      expect(found?.codeDigest).toBeUndefined();
    });

    it('ends a challenge once its journey left step-up (a new link was sent)', async () => {
      const challenge = aChallenge(journey);
      await subject.open(challenge);

      await subject.moveJourney(journey.id, 'issued');

      expect(await subject.store.findBySession(challenge.sessionHash)).toMatchObject({
        status: 'pending',
        superseded: true,
      });
      expect(await subject.store.attempt(challenge.sessionHash, wrongCode())).toBeUndefined();
      expect((await subject.store.findBySession(challenge.sessionHash))?.attempts).toBe(0);
    });

    it('ends a challenge once the journey has a newer one, which takes codes', async () => {
      const older = aChallenge(journey, { createdAt: new Date(Date.now() - 120_000) });
      const newer = aChallenge(journey, { createdAt: new Date(Date.now() - 60_000) });
      await subject.open(older);
      await subject.open(newer);

      expect((await subject.store.findBySession(older.sessionHash))?.superseded).toBe(true);
      expect((await subject.store.findBySession(newer.sessionHash))?.superseded).toBe(false);
      expect(await subject.store.attempt(older.sessionHash, wrongCode())).toBeUndefined();
      expect(await subject.store.attempt(newer.sessionHash, wrongCode())).toEqual({
        passed: false,
        lock: false,
      });
    });

    attemptCases(
      () => subject,
      () => journey,
    );
  });
}
