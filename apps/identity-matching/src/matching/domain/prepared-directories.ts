import type { DirectoryRecord } from '../../directory/domain/directory-record';
import type { LinkageConfig } from './linkage-config';
import { FeatureExtractor, type RecordFeatures } from './record-features';
import { segmentMasker, type SegmentPolicy } from './segments';
import { Vocabulary } from './vocabulary';

/** Both directories reduced to what matching reads, sharing one vocabulary. */
export interface PreparedDirectories {
  legacy: RecordFeatures;
  target: RecordFeatures;
  /** Segment bit mask of each legacy record, shared contact aside (see segmentsOf). */
  legacySegmentMasks: Uint8Array;
}

/**
 * Takes records one at a time, so a run can page through a million of each from the database and
 * keep only their features: the records themselves are never all in memory at once.
 */
export class DirectoryPreparer {
  private readonly vocabulary = new Vocabulary();
  private readonly legacy: FeatureExtractor;
  private readonly target: FeatureExtractor;
  private readonly maskOf: (record: DirectoryRecord) => number;
  private masks = new Uint8Array(1024);
  private legacyCount = 0;

  /** `config.linkage.extraAttributes`: the attributes whose values are kept for comparison. */
  constructor(config: SegmentPolicy & { linkage: Pick<LinkageConfig, 'extraAttributes'> }, now: Date) {
    this.maskOf = segmentMasker(config, now);
    const attributes = config.linkage.extraAttributes.map((attribute) => attribute.name);
    this.legacy = new FeatureExtractor(this.vocabulary, attributes);
    this.target = new FeatureExtractor(this.vocabulary, attributes);
  }

  addLegacy(record: DirectoryRecord): void {
    if (this.legacyCount === this.masks.length) {
      const grown = new Uint8Array(this.masks.length * 2);
      grown.set(this.masks);
      this.masks = grown;
    }
    this.masks[this.legacyCount++] = this.maskOf(record);
    this.legacy.add(record);
  }

  addTarget(record: DirectoryRecord): void {
    this.target.add(record);
  }

  prepare(): PreparedDirectories {
    return {
      legacy: this.legacy.build(),
      target: this.target.build(),
      legacySegmentMasks: this.masks.slice(0, this.legacyCount),
    };
  }
}
