import { COMPARED_FIELDS, COMPARISON_LEVELS } from './field-comparisons';
import { levelWeight, probabilityOfWeight, type FellegiSunterModel } from './fellegi-sunter-model';
import { fitOnSyntheticDirectories } from './fitted-model.fixture';
import { DEFAULT_ESTIMATION } from './match-config';

function fitOnSyntheticData(people: number) {
  const { legacy, target, truth, pairs, model } = fitOnSyntheticDirectories(people, 11);
  let truePairs = 0;
  for (let l = 0; l < legacy.length; l++) {
    for (let index = pairs.legacyOffsets[l]!; index < pairs.legacyOffsets[l + 1]!; index++) {
      if (truth.get(legacy[l]!.id) === target[pairs.targetIndexes[index]!]!.id) truePairs++;
    }
  }
  return { model, trueMatchRate: truePairs / pairs.count };
}

function probabilities(model: FellegiSunterModel, field: (typeof COMPARED_FIELDS)[number], level: string) {
  const comparison = COMPARED_FIELDS.indexOf(field);
  const index = COMPARISON_LEVELS[field].indexOf(level);
  return { m: model.m[comparison]![index]!, u: model.u[comparison]![index]! };
}

describe('trainModel', () => {
  const { model, trueMatchRate } = fitOnSyntheticData(3_000);

  it('converges on a dataset with known truth', () => {
    expect(model.converged).toBe(true);
    expect(model.iterations).toBeLessThan(DEFAULT_ESTIMATION.maxIterations);
  });

  it('learns that an exact date of birth is far likelier among matches than among non-matches', () => {
    const { m, u } = probabilities(model, 'dateOfBirth', 'exact');
    expect(m).toBeGreaterThan(0.85);
    // Estimated among candidate pairs, and one blocking rule pairs records by date of birth, so
    // non-matches agree on it more often than in the whole population: the ratio is lower than
    // a random sample would say, and still decisive.
    expect(m / u).toBeGreaterThan(20);
  });

  it('learns that a different given name speaks strongly against a match', () => {
    const { m, u } = probabilities(model, 'givenName', 'different');
    expect(m).toBeLessThan(0.05);
    expect(u).toBeGreaterThan(0.5);
  });

  it('estimates the share of matches among the candidate pairs close to the truth', () => {
    expect(Math.abs(model.lambda - trueMatchRate)).toBeLessThan(0.03);
  });

  it('keeps every probability above the floor, so no single level weighs infinitely', () => {
    for (const row of [...model.m, ...model.u]) {
      for (const value of Array.from(row).slice(1)) {
        expect(value).toBeGreaterThanOrEqual(DEFAULT_ESTIMATION.probabilityFloor * 0.99);
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
