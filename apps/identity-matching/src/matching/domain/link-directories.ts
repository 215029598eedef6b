import type { DirectoryRecord } from '../../directory/domain/directory-record';
import { findCandidatePairs, type CandidatePairs } from './blocking-rules';
import { summariseBlocking, type BlockingSummary } from './blocking-quality';
import { findDeterministicLinks, type DeterministicOutcome } from './deterministic-links';
import { priorWeight, probabilityOfWeight, type FellegiSunterModel } from './fellegi-sunter-model';
import { buildEvidence, round } from './link-evidence';
import { compileLinkage, type CompiledLinkage } from './linkage';
import { bandOf, validateMatchConfig, type MatchBand, type MatchConfig } from './match-config';
import type { MatchResult, NearMiss, VerifiedContact } from './match-result';
import { comparePairs, estimateLambda, trainModel } from './model-training';
import { PairScorer } from './pair-scorer';
import { DirectoryPreparer, type PreparedDirectories } from './prepared-directories';
import type { RecordFeatures } from './record-features';
import { outcomeOf, reviewReasonsFor } from './review-reasons';
import { primarySegmentOf, segmentsOf } from './segments';
import { contactStateOfCode } from './contact-state';
import { findSharedContacts } from './shared-contacts';
import { countTermFrequencies } from './term-frequencies';
import { addTo } from './typed-arrays';

export interface MatchRun {
  results: MatchResult[];
  model: FellegiSunterModel;
  candidatePairs: number;
  blocking: BlockingSummary;
}

/** A finished run whose results are built one at a time, so a million need not be held at once. */
export interface PreparedMatchRun {
  count: number;
  resultOf(legacyIndex: number): MatchResult;
  model: FellegiSunterModel;
  linkage: CompiledLinkage;
  candidatePairs: number;
  blocking: BlockingSummary;
}

const NO_TARGET = -1;
/** Candidates kept as evidence for an account found new. */
const NEAR_MISSES = 3;

/** One decision per legacy account, in the order of `legacy`. */
export function linkDirectories(
  legacy: readonly DirectoryRecord[],
  target: readonly DirectoryRecord[],
  config: MatchConfig,
  now: Date,
): MatchResult[] {
  return matchDirectories(legacy, target, config, now).results;
}

/** As linkDirectories, with the fitted model and the number of pairs compared, for reports. */
export function matchDirectories(
  legacy: readonly DirectoryRecord[],
  target: readonly DirectoryRecord[],
  config: MatchConfig,
  now: Date,
): MatchRun & { run: PreparedMatchRun } {
  validateMatchConfig(config);
  const preparer = new DirectoryPreparer(config, now);
  for (const record of legacy) preparer.addLegacy(record);
  for (const record of target) preparer.addTarget(record);
  const run = matchPrepared(preparer.prepare(), config);
  const results = Array.from({ length: run.count }, (_, l) => run.resultOf(l));
  return { results, model: run.model, candidatePairs: run.candidatePairs, blocking: run.blocking, run };
}

export function matchPrepared(prepared: PreparedDirectories, config: MatchConfig): PreparedMatchRun {
  validateMatchConfig(config);
  const linkage = compileLinkage(config.linkage);
  const { comparisons: set, rules } = linkage;
  const settings = config.linkage.estimation;
  const { legacy: legacyFeatures, target: targetFeatures } = prepared;
  const shared = findSharedContacts(legacyFeatures);
  const deterministic = findDeterministicLinks(legacyFeatures, targetFeatures, shared);
  const pairs = findCandidatePairs(
    legacyFeatures,
    targetFeatures,
    rules,
    config.linkage.blocking.candidatesPerRecord,
  );
  const patterns = comparePairs(pairs, set, legacyFeatures, targetFeatures);
  const trained = trainModel(pairs, patterns, set, rules, legacyFeatures, targetFeatures, settings);
  const frequencies = countTermFrequencies(set, legacyFeatures, targetFeatures);
  const scorer = new PairScorer({ ...trained, lambda: 0.5 }, set, frequencies, settings.probabilityFloor);
  const weights = weighInPlace(patterns, pairs, scorer, legacyFeatures);
  const lambda = estimateLambda(pairs, weights, legacyFeatures.count, targetFeatures.count, settings);
  const model: FellegiSunterModel = { ...trained, lambda };
  const prior = priorWeight(model);
  const dateOfBirth = set.comparisons.findIndex((comparison) => comparison.field === 'date_of_birth');
  const dateDifferent = dateOfBirth < 0 ? -1 : (set.levelCounts[dateOfBirth] as number) - 1;

  const choices = chooseTargets(pairs, weights, prior, deterministic, config);
  // What results still need of the candidate pairs, kept per legacy record: the pairs themselves
  // (sixteen bytes each, tens of millions at a million records) are released before any is built.
  const kept = keepChosenPairs(pairs, weights, choices, deterministic, (l, t) =>
    set.comparePair(legacyFeatures, l, targetFeatures, t),
  );
  const candidatePairs = pairs.count;
  const blocking = summariseBlocking(pairs, linkage.layout.ruleNames);
  const claims = new Int32Array(targetFeatures.count);
  for (let l = 0; l < legacyFeatures.count; l++) {
    const chosen = choices.target[l] as number;
    if (chosen !== NO_TARGET && (choices.probability[l] as number) >= config.bands.medium)
      addTo(claims, chosen, 1);
  }

  const resultOf = (l: number): MatchResult => {
    const outcome = deterministic[l] as DeterministicOutcome;
    const chosen = choices.target[l] as number;
    const proposed = choices.pair[l] !== NO_TARGET;
    const linkedDeterministically = outcome.kind === 'linked';
    const probability = linkedDeterministically ? 1 : (choices.probability[l] as number);
    const band: MatchBand = chosen === NO_TARGET ? 'none' : bandOf(probability, config.bands);
    const pattern =
      chosen === NO_TARGET
        ? NO_TARGET
        : proposed
          ? (kept.pattern[l] as number)
          : set.comparePair(legacyFeatures, l, targetFeatures, chosen);
    const pairProbability =
      chosen === NO_TARGET ? 0 : probabilityOfWeight(scorer.weightOf(pattern, legacyFeatures, l), prior);
    const hasSharedContact = shared.accounts[l] === 1;
    const hasCandidate = chosen !== NO_TARGET || outcome.kind === 'conflict';
    const verifiedContacts = verifiedContactsOf(legacyFeatures, l);
    const reviewReasons = hasCandidate
      ? reviewReasonsFor({
          band,
          hasSharedContact,
          hasVerifiedContact: verifiedContacts.length > 0,
          deterministicConflicts: outcome.kind === 'conflict' ? outcome.reasons : [],
          otherStrongCandidates: choices.otherStrong[l] as number,
          attributesContradict:
            linkedDeterministically &&
            ((dateOfBirth >= 0 && set.levelOf(pattern, dateOfBirth) === dateDifferent) ||
              pairProbability < config.bands.low),
          targetClaimedBySeveral: chosen !== NO_TARGET && (claims[chosen] as number) > 1,
        })
      : [];
    const segments = segmentsOf(prepared.legacySegmentMasks[l] as number, hasSharedContact);
    const result: MatchResult = {
      legacyId: legacyFeatures.accountIds[l] as string,
      outcome: outcomeOf(band, reviewReasons, hasCandidate),
      band,
      probability,
      reviewReasons,
      segments,
      primarySegment: primarySegmentOf(segments),
      contactState: contactStateOfCode(prepared.legacyContactStates[l] as number),
      verifiedContacts,
    };
    if (chosen !== NO_TARGET) {
      result.targetId = targetFeatures.accountIds[chosen] as string;
      const adjustments: Record<string, number> = {};
      set.comparisons.forEach((comparison, c) => {
        const adjustment = scorer.adjustment(c, pattern, legacyFeatures, l);
        if (adjustment !== 0) adjustments[comparison.name] = round(adjustment);
      });
      result.comparison = {
        pattern,
        ruleMask: proposed ? (kept.ruleMask[l] as number) : 0,
        method: linkedDeterministically ? 'deterministic' : 'probabilistic',
        verifiedContacts: outcome.kind === 'linked' ? outcome.verifiedContacts : [],
        ...(Object.keys(adjustments).length > 0 ? { adjustments } : {}),
      };
      result.evidence = buildEvidence(model, linkage.layout, result.comparison);
    } else if (!hasCandidate) {
      const nearMisses = nearMissesOf(kept, prior, l, targetFeatures);
      if (nearMisses.length > 0) result.nearMisses = nearMisses;
    }
    return result;
  };
  return {
    count: legacyFeatures.count,
    resultOf,
    model,
    linkage,
    candidatePairs,
    blocking,
  };
}

interface KeptPairs {
  /** Per legacy record, the comparison pattern and rules of its chosen pair, when blocking proposed it. */
  pattern: Uint32Array;
  ruleMask: Uint32Array;
  /** Per legacy record without a candidate, its best NEAR_MISSES targets (NO_TARGET past the last). */
  nearTargets: Int32Array;
  nearWeights: Float32Array;
}

/**
 * Each pair's weight, written over its comparison pattern: a pattern is read just before its
 * weight replaces it, and at a million records the two arrays would hold hundreds of megabytes
 * together. `patterns` must not be read afterwards.
 */
function weighInPlace(
  patterns: Uint32Array,
  pairs: CandidatePairs,
  scorer: PairScorer,
  legacy: RecordFeatures,
): Float32Array {
  const weights = new Float32Array(patterns.buffer, patterns.byteOffset, patterns.length);
  for (let l = 0; l < legacy.count; l++) {
    const end = pairs.legacyOffsets[l + 1] as number;
    for (let index = pairs.legacyOffsets[l] as number; index < end; index++)
      weights[index] = scorer.weightOf(patterns[index] as number, legacy, l);
  }
  return weights;
}

function keepChosenPairs(
  pairs: CandidatePairs,
  weights: Float32Array,
  choices: TargetChoices,
  deterministic: readonly DeterministicOutcome[],
  patternOf: (l: number, t: number) => number,
): KeptPairs {
  const count = deterministic.length;
  const kept: KeptPairs = {
    pattern: new Uint32Array(count),
    ruleMask: new Uint32Array(count),
    nearTargets: new Int32Array(count * NEAR_MISSES).fill(NO_TARGET),
    nearWeights: new Float32Array(count * NEAR_MISSES),
  };
  const best: number[] = [];
  for (let l = 0; l < count; l++) {
    const pair = choices.pair[l] as number;
    if (pair !== NO_TARGET) {
      kept.pattern[l] = patternOf(l, pairs.targetIndexes[pair] as number);
      kept.ruleMask[l] = pairs.ruleMasks[pair] as number;
    }
    if (choices.target[l] !== NO_TARGET || (deterministic[l] as DeterministicOutcome).kind === 'conflict')
      continue;
    best.length = 0;
    const end = pairs.legacyOffsets[l + 1] as number;
    for (let index = pairs.legacyOffsets[l] as number; index < end; index++) {
      best.push(index);
      best.sort((first, second) => (weights[second] as number) - (weights[first] as number));
      if (best.length > NEAR_MISSES) best.pop();
    }
    best.forEach((index, rank) => {
      kept.nearTargets[l * NEAR_MISSES + rank] = pairs.targetIndexes[index] as number;
      kept.nearWeights[l * NEAR_MISSES + rank] = weights[index] as number;
    });
  }
  return kept;
}

/** The best few candidates of an account found new, strongest first. */
function nearMissesOf(kept: KeptPairs, prior: number, l: number, target: RecordFeatures): NearMiss[] {
  const nearMisses: NearMiss[] = [];
  for (let rank = 0; rank < NEAR_MISSES; rank++) {
    const t = kept.nearTargets[l * NEAR_MISSES + rank] as number;
    if (t === NO_TARGET) break;
    const weight = kept.nearWeights[l * NEAR_MISSES + rank] as number;
    nearMisses.push({
      targetId: target.accountIds[t] as string,
      probability: probabilityOfWeight(weight, prior),
      weight: round(weight),
    });
  }
  return nearMisses;
}

function verifiedContactsOf(features: RecordFeatures, l: number): VerifiedContact[] {
  const contacts: VerifiedContact[] = [];
  const { verifiedEmails, verifiedPhones, vocabulary } = features;
  for (let c = verifiedEmails.offsets[l] as number; c < (verifiedEmails.offsets[l + 1] as number); c++)
    contacts.push({ kind: 'email', value: vocabulary.valueOf(verifiedEmails.values[c] as number) });
  for (let c = verifiedPhones.offsets[l] as number; c < (verifiedPhones.offsets[l + 1] as number); c++)
    contacts.push({ kind: 'phone', value: vocabulary.valueOf(verifiedPhones.values[c] as number) });
  return contacts;
}

interface TargetChoices {
  /** Chosen target record per legacy record, or NO_TARGET. */
  target: Int32Array;
  /** Candidate pair of that choice, or NO_TARGET when blocking did not propose it. */
  pair: Int32Array;
  probability: Float64Array;
  /** Other targets at or above the medium band. */
  otherStrong: Int32Array;
}

/**
 * A deterministic link keeps its target; otherwise the most probable candidate at or above the low
 * band is chosen. Either way the other strong candidates are counted, since a second account that
 * matches as well is a reason to doubt the first.
 */
function chooseTargets(
  pairs: CandidatePairs,
  weights: Float32Array,
  prior: number,
  deterministic: readonly DeterministicOutcome[],
  config: MatchConfig,
): TargetChoices {
  const legacyCount = deterministic.length;
  const choices: TargetChoices = {
    target: new Int32Array(legacyCount).fill(NO_TARGET),
    pair: new Int32Array(legacyCount).fill(NO_TARGET),
    probability: new Float64Array(legacyCount),
    otherStrong: new Int32Array(legacyCount),
  };
  for (let l = 0; l < legacyCount; l++) {
    const outcome = deterministic[l] as DeterministicOutcome;
    const fixedTarget = outcome.kind === 'linked' ? outcome.targetIndex : NO_TARGET;
    let best = NO_TARGET;
    let bestProbability = 0;
    let strong = 0;
    let fixedPair = NO_TARGET;
    const end = pairs.legacyOffsets[l + 1] as number;
    for (let index = pairs.legacyOffsets[l] as number; index < end; index++) {
      const probability = probabilityOfWeight(weights[index] as number, prior);
      const candidate = pairs.targetIndexes[index] as number;
      if (candidate === fixedTarget) {
        fixedPair = index;
        continue;
      }
      if (probability >= config.bands.medium) strong++;
      if (probability > bestProbability) {
        best = index;
        bestProbability = probability;
      }
    }
    if (fixedTarget !== NO_TARGET) {
      choices.target[l] = fixedTarget;
      choices.pair[l] = fixedPair;
      choices.probability[l] = 1;
      choices.otherStrong[l] = strong;
      continue;
    }
    choices.probability[l] = bestProbability;
    if (best === NO_TARGET || bestProbability < config.bands.low) continue;
    choices.target[l] = pairs.targetIndexes[best] as number;
    choices.pair[l] = best;
    choices.otherStrong[l] = bestProbability >= config.bands.medium ? strong - 1 : strong;
  }
  return choices;
}
