import { InvalidMatchConfig } from './match-config.errors';
import type { LinkageConfig } from './linkage-config';

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
  /** Blocking rules, comparisons, extra attributes and estimation: linkage.default.json's shape. */
  linkage: LinkageConfig;
}

export function validateMatchConfig(config: MatchConfig): void {
  const { high, medium, low } = config.bands;
  if (!(0 < low && low <= medium && medium <= high && high <= 1)) {
    throw new InvalidMatchConfig(`band thresholds must satisfy 0 < low <= medium <= high <= 1`);
  }
  if (!(config.inactiveAfterDays > 0)) throw new InvalidMatchConfig('inactiveAfterDays must be positive');
}

export function bandOf(probability: number, bands: BandThresholds): MatchBand {
  if (probability >= bands.high) return 'high';
  if (probability >= bands.medium) return 'medium';
  if (probability >= bands.low) return 'low';
  return 'none';
}
