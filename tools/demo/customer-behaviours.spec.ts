import { randomUUID } from 'node:crypto';
import { behaviourOf, customerMix, enrolsPasskey, neverClicks } from './customer-behaviours';

describe('behaviourOf', () => {
  it('gives a journey the same behaviour on every run', () => {
    const journeyId = randomUUID();
    expect(behaviourOf(journeyId)).toBe(behaviourOf(journeyId));
  });

  it("gives each behaviour about its share of a wave's customers", () => {
    const counts = new Map<unknown, number>();
    const customers = 20_000;
    for (let n = 0; n < customers; n += 1) {
      const behaviour = behaviourOf(randomUUID());
      counts.set(behaviour, (counts.get(behaviour) ?? 0) + 1);
    }
    for (const { behaviour, share } of customerMix) {
      expect((counts.get(behaviour) ?? 0) / customers).toBeCloseTo(share, 1);
    }
    expect(customerMix.reduce((total, { share }) => total + share, 0)).toBeCloseTo(1, 10);
  });

  it('follows the mix it is given', () => {
    const mix = [
      { label: 'never click', share: 0.5, behaviour: neverClicks },
      { label: 'enrol a passkey', share: 0.5, behaviour: enrolsPasskey },
    ];
    const picked = new Set(Array.from({ length: 200 }, () => behaviourOf(randomUUID(), mix)));
    expect(picked).toEqual(new Set([neverClicks, enrolsPasskey]));
  });
});

describe('neverClicks', () => {
  it('ends as never clicked without visiting anything', async () => {
    const message = {
      journeyId: randomUUID(),
      channel: 'email' as const,
      link: new URL('http://phish.example/reset#t=x'),
    };
    await expect(neverClicks(message, { clientAddress: '10.0.0.1' })).resolves.toEqual({
      kind: 'never_clicked',
    });
  });
});
