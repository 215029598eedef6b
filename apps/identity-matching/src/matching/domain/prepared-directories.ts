import type { DirectoryRecord } from '../../directory/domain/directory-record';
import { contactStateClassifier, contactStateCode } from './contact-state';
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
  /** Contact state of each legacy record, as its code (see contactStateOfCode). */
  legacyContactStates: Uint8Array;
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
  private readonly contactStateOf: ReturnType<typeof contactStateClassifier>;
  private masks = new Uint8Array(1024);
  private contactStates = new Uint8Array(1024);
  private legacyCount = 0;

  /** `config.linkage.extraAttributes`: the attributes whose values are kept for comparison. */
  constructor(config: SegmentPolicy & { linkage: Pick<LinkageConfig, 'extraAttributes'> }, now: Date) {
    this.maskOf = segmentMasker(config, now);
    this.contactStateOf = contactStateClassifier(config, now);
    const attributes = config.linkage.extraAttributes.map((attribute) => attribute.name);
    this.legacy = new FeatureExtractor(this.vocabulary, attributes);
    this.target = new FeatureExtractor(this.vocabulary, attributes);
  }

  addLegacy(record: DirectoryRecord): void {
    if (this.legacyCount === this.masks.length) {
      this.masks = grown(this.masks);
      this.contactStates = grown(this.contactStates);
    }
    this.contactStates[this.legacyCount] = contactStateCode(this.contactStateOf(record));
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
      legacyContactStates: this.contactStates.slice(0, this.legacyCount),
    };
  }
}

function grown(array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const larger = new Uint8Array(array.length * 2);
  larger.set(array);
  return larger;
}
