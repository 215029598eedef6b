import type { StepUpChallenge } from '../step-up/domain/step-up-challenge';
import { InvalidJourneyTransition } from '../journeys/domain/journey.errors';
import {
  aChallenge,
  rightCode,
  wrongCode,
  type JourneyInStepUp,
  type StepUpStoreUnderTest,
} from './step-up-store.harness';

/** How attempts are counted, decided, stored and undone, for describeStepUpStoreContract. */
export function attemptCases(subjectOf: () => StepUpStoreUnderTest, journeyOf: () => JourneyInStepUp): void {
  let subject: StepUpStoreUnderTest;
  let journey: JourneyInStepUp;

  beforeEach(() => {
    subject = subjectOf();
    journey = journeyOf();
  });

  const attempts = async (sessionHash: Buffer) => (await subject.store.findBySession(sessionHash))?.attempts;

  it('counts a wrong code before deciding, and keeps the challenge pending with that count', async () => {
    const challenge = aChallenge(journey);
    await subject.open(challenge);
    const seen: StepUpChallenge[] = [];

    const decision = await subject.store.attempt(challenge.sessionHash, wrongCode(false, seen));

    expect(decision).toEqual({ passed: false, lock: false });
    expect(seen.map((given) => given.attempts)).toEqual([1]);
    expect(await subject.store.findBySession(challenge.sessionHash)).toMatchObject({
      status: 'pending',
      attempts: 1,
    });
    expect(await subject.journeyStatus(journey.id)).toBe('step_up_required');
  });

  it('locks a challenge when told, and takes no code on it again', async () => {
    const challenge = aChallenge(journey);
    await subject.open(challenge);
    await subject.store.attempt(challenge.sessionHash, wrongCode(true));
    const seen: StepUpChallenge[] = [];

    expect(await subject.store.attempt(challenge.sessionHash, rightCode(seen))).toBeUndefined();

    expect(seen).toEqual([]);
    expect(await subject.store.findBySession(challenge.sessionHash)).toMatchObject({
      status: 'locked',
      attempts: 1,
    });
  });

  it('takes no attempt past the last one, even a right code', async () => {
    const challenge = aChallenge(journey, { maxAttempts: 2 });
    await subject.open(challenge);
    await subject.store.attempt(challenge.sessionHash, wrongCode());
    await subject.store.attempt(challenge.sessionHash, wrongCode());

    expect(await subject.store.attempt(challenge.sessionHash, rightCode())).toBeUndefined();

    expect(await attempts(challenge.sessionHash)).toBe(2);
    expect(await subject.journeyStatus(journey.id)).toBe('step_up_required');
  });

  it('passes a right code: the challenge passed, the journey stepped up, the grant and events stored together', async () => {
    const challenge = aChallenge(journey);
    await subject.open(challenge);
    const seen: StepUpChallenge[] = [];

    const decision = await subject.store.attempt(challenge.sessionHash, rightCode(seen));

    expect(decision?.passed).toBe(true);
    if (!decision?.passed) return;
    expect(await subject.store.findBySession(challenge.sessionHash)).toMatchObject({
      status: 'passed',
      attempts: 1,
    });
    expect(await subject.journeyStatus(journey.id)).toBe('stepped_up');
    expect(await subject.grantIds(journey.id)).toEqual([decision.grant.jti]);
    expect(await subject.storedEventIds()).toContain(decision.events[0]?.id);
    // Over once passed: the same session takes no further code.
    expect(await subject.store.attempt(challenge.sessionHash, rightCode())).toBeUndefined();
  });

  it('undoes the whole attempt, its count included, when the journey’s change throws', async () => {
    const challenge = aChallenge(journey);
    await subject.open(challenge);
    let eventId: string | undefined;

    const attempt = subject.store.attempt(challenge.sessionHash, async (given) => {
      const decision = await rightCode()(given);
      if (decision.passed) eventId = decision.events[0]?.id;
      // A new link is sent while the code is being checked: the journey leaves step-up.
      await subject.moveJourney(journey.id, 'issued');
      return decision;
    });

    await expect(attempt).rejects.toBeInstanceOf(InvalidJourneyTransition);
    expect(await subject.store.findBySession(challenge.sessionHash)).toMatchObject({
      status: 'pending',
      attempts: 0,
      superseded: true,
    });
    expect(await subject.journeyStatus(journey.id)).toBe('issued');
    expect(await subject.grantIds(journey.id)).toEqual([]);
    expect(await subject.storedEventIds()).not.toContain(eventId);
  });

  it('undoes the attempt when deciding throws', async () => {
    const challenge = aChallenge(journey);
    await subject.open(challenge);

    await expect(
      subject.store.attempt(challenge.sessionHash, () =>
        Promise.reject(new Error('signing key unavailable')),
      ),
    ).rejects.toThrow('signing key unavailable');

    expect(await subject.store.findBySession(challenge.sessionHash)).toMatchObject({
      status: 'pending',
      attempts: 0,
    });
  });

  it('counts concurrent attempts one by one', async () => {
    const challenge = aChallenge(journey);
    await subject.open(challenge);
    const seen: StepUpChallenge[] = [];

    await Promise.all(
      [1, 2, 3].map(() => subject.store.attempt(challenge.sessionHash, wrongCode(false, seen))),
    );

    expect(seen.map((given) => given.attempts).sort()).toEqual([1, 2, 3]);
    expect(await attempts(challenge.sessionHash)).toBe(3);
  });

  it('lets one of two concurrent right codes pass, and records one grant', async () => {
    const challenge = aChallenge(journey);
    await subject.open(challenge);

    const decisions = await Promise.all([
      subject.store.attempt(challenge.sessionHash, rightCode()),
      subject.store.attempt(challenge.sessionHash, rightCode()),
    ]);

    expect(decisions.filter((decision) => decision?.passed)).toHaveLength(1);
    expect(decisions.filter((decision) => decision === undefined)).toHaveLength(1);
    expect(await subject.grantIds(journey.id)).toHaveLength(1);
    expect(await attempts(challenge.sessionHash)).toBe(1);
  });
}
