import type { EstimationOptions } from './fellegi-sunter-model';
import { InvalidMatchConfig } from './match-config.errors';

export type MatchBand = 'high' | 'medium' | 'low' | 'none';

/**
 * Probability thresholds of the bands. A candidate below `low` is no candidate at all: the legacy
 * account is new to the target directory rather than a doubtful match.
 */
export interface BandThresholds {
  high: number;
  medium: number;
  low: number;
}

export interface MatchConfig {
  bands: BandThresholds;
  /** Roles that make an account privileged (administrators, support staff...). */
  privilegedRoles: string[];
  /** An account whose last sign-in is older than this many days is inactive. */
  inactiveAfterDays: number;
  /** A blocking key shared by more target records than this is skipped as unspecific. */
  maxBlockSize: number;
  estimation: EstimationSettings;
}

export interface EstimationSettings extends EstimationOptions {
  /** Random legacy/target pairs drawn to seed u: nearly all of them are different people. */
  randomPairs: number;
  /** Seed of that draw, so that a run can be repeated exactly. */
  seed: number;
}

export const DEFAULT_ESTIMATION: EstimationSettings = {
  maxIterations: 100,
  tolerance: 1e-6,
  probabilityFloor: 1e-6,
  randomPairs: 200_000,
  seed: 20_260_101,
};

export function validateMatchConfig(config: MatchConfig): void {
  const { high, medium, low } = config.bands;
  if (!(0 < low && low <= medium && medium <= high && high <= 1)) {
    throw new InvalidMatchConfig(`band thresholds must satisfy 0 < low <= medium <= high <= 1`);
  }
  if (!(config.inactiveAfterDays > 0)) throw new InvalidMatchConfig('inactiveAfterDays must be positive');
  if (!(config.maxBlockSize >= 1)) throw new InvalidMatchConfig('maxBlockSize must be at least 1');
  const { maxIterations, tolerance, probabilityFloor, randomPairs } = config.estimation;
  if (!(maxIterations >= 1 && tolerance > 0 && probabilityFloor > 0 && probabilityFloor < 0.01)) {
    throw new InvalidMatchConfig('estimation needs maxIterations >= 1, tolerance > 0 and 0 < floor < 0.01');
  }
  if (!(randomPairs >= 1)) throw new InvalidMatchConfig('estimation.randomPairs must be at least 1');
}

export function bandOf(probability: number, bands: BandThresholds): MatchBand {
  if (probability >= bands.high) return 'high';
  if (probability >= bands.medium) return 'medium';
  if (probability >= bands.low) return 'low';
  return 'none';
}
