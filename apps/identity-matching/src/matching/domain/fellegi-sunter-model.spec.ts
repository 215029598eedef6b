import { DEFAULT_LINKAGE } from './default-linkage';
import { levelWeight, probabilityOfWeight, type FellegiSunterModel } from './fellegi-sunter-model';
import { fitOnSyntheticDirectories } from './fitted-model.fixture';
import type { CompiledLinkage } from './linkage';

const fitted = fitOnSyntheticDirectories(3_000, 11);
const { model, legacy, target, truth } = fitted;

function probabilities(
  fit: { model: FellegiSunterModel; linkage: CompiledLinkage },
  comparison: string,
  level: string,
) {
  const c = fit.linkage.layout.comparisons.findIndex((entry) => entry.name === comparison);
  const index = fit.linkage.layout.comparisons[c]!.levels.indexOf(level);
  return { m: fit.model.m[c]![index]!, u: fit.model.u[c]![index]!, weight: levelWeight(fit.model, c, index) };
}

describe('trainModel', () => {
  it('estimates m in one session per training rule, each holding out the rule’s own fields', () => {
    expect(model.sessions.map((session) => [session.rule, session.heldOut])).toEqual([
      ['birth-date+family-initial', ['family_name', 'date_of_birth']],
      ['postcode', ['address']],
    ]);
    expect(model.converged).toBe(true);
    for (const session of model.sessions)
      expect(session.iterations).toBeLessThan(DEFAULT_LINKAGE.estimation.maxIterations);
  });

  it('takes u from random pairs: an exact date of birth is rare among different people', () => {
    const { m, u } = probabilities(fitted, 'date_of_birth', 'exact');
    expect(m).toBeGreaterThan(0.8);
    // About one person in 20,000 shares a day of birth with another; a blocked pair would say far more.
    expect(u).toBeLessThan(0.002);
    expect(m / u).toBeGreaterThan(400);
  });

  it('learns that a different given name speaks strongly against a match', () => {
    const { m, u } = probabilities(fitted, 'given_name', 'different');
    expect(m).toBeLessThan(0.05);
    expect(u).toBeGreaterThan(0.5);
  });

  it('weighs an agreeing postcode for the pair, whatever the address tokens say', () => {
    // No match in this population keeps its postcode and changes street: the level says little,
    // and never more against the pair than a different address.
    expect(probabilities(fitted, 'address', 'same-postcode').weight).toBeGreaterThan(
      probabilities(fitted, 'address', 'different').weight,
    );
    expect(probabilities(fitted, 'address', 'tokens>=0.8+postcode').weight).toBeGreaterThan(
      probabilities(fitted, 'address', 'tokens>=0.8').weight,
    );
  });

  it('estimates λ close to the true share of matches among all legacy × target pairs', () => {
    const trueShare = truth.size / (legacy.length * target.length);
    expect(model.lambda / trueShare).toBeGreaterThan(0.8);
    expect(model.lambda / trueShare).toBeLessThan(1.25);
  });

  it('keeps every probability above the floor, so no single level weighs infinitely', () => {
    for (const row of [...model.m, ...model.u]) {
      for (const value of Array.from(row).slice(1)) {
        expect(value).toBeGreaterThanOrEqual(DEFAULT_LINKAGE.estimation.probabilityFloor * 0.99);
      }
    }
    expect(Number.isFinite(levelWeight(model, 0, 4))).toBe(true);
  });
});

describe('probabilityOfWeight', () => {
  it('turns a match weight and a prior into a probability', () => {
    expect(probabilityOfWeight(0, 0)).toBe(0.5);
    expect(probabilityOfWeight(10, -2)).toBeCloseTo(256 / 257, 10);
  });
});
