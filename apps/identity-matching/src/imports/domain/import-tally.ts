import type { FieldWarning, Rejection } from './directory-row';
import { noCounts, type ImportCounts } from './directory-import';

export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Lines whose account id an earlier line of the same file already had. */
  duplicates: Rejection[];
}

export interface TallyLimits {
  storeLimit: number;
  reportLimit: number;
  warningStoreLimit: number;
  warningReportLimit: number;
}

/** A warning with its place among the import's warnings, by which stored ones are paged. */
export interface NumberedWarning {
  position: number;
  warning: FieldWarning;
}

/**
 * Counts an import as it goes and keeps a bounded number of rejections and warnings: every one
 * is counted, the first few thousand stored, the first hundred answered, so a file of a million
 * bad lines costs no more memory than a good one.
 */
export class ImportTally {
  readonly counts: ImportCounts = noCounts();
  private readonly rejections = new Bounded<Rejection>();
  private readonly warnings = new Bounded<NumberedWarning>();

  constructor(private readonly limits: TallyLimits) {}

  lineRead(): void {
    this.counts.read++;
  }

  reject(rejection: Rejection): void {
    this.counts.rejected++;
    this.rejections.add(rejection, this.limits.reportLimit, this.limits.storeLimit);
  }

  warn(warnings: readonly FieldWarning[]): void {
    for (const warning of warnings) {
      this.counts.warnings++;
      const numbered = { position: this.counts.warnings, warning };
      this.warnings.add(numbered, this.limits.warningReportLimit, this.limits.warningStoreLimit);
    }
  }

  addBatch(outcome: BatchOutcome): void {
    this.counts.inserted += outcome.inserted;
    this.counts.updated += outcome.updated;
    this.counts.unchanged += outcome.unchanged;
    for (const duplicate of outcome.duplicates) this.reject(duplicate);
  }

  get pendingWrites(): number {
    return this.rejections.pending.length + this.warnings.pending.length;
  }

  /** The rejections still to store, handed over once. */
  takeRejectionsToStore(): Rejection[] {
    return this.rejections.take();
  }

  /** The warnings still to store, handed over once. */
  takeWarningsToStore(): NumberedWarning[] {
    return this.warnings.take();
  }

  /** The first rejections in line order (duplicates are found a batch late, out of order). */
  reportedRejections(): Rejection[] {
    return [...this.rejections.reported].sort((first, second) => first.line - second.line);
  }

  /** The first warnings, in line order as they were read. */
  reportedWarnings(): FieldWarning[] {
    return this.warnings.reported.map(({ warning }) => warning);
  }
}

class Bounded<T> {
  readonly reported: T[] = [];
  pending: T[] = [];
  private stored = 0;

  add(item: T, reportLimit: number, storeLimit: number): void {
    if (this.reported.length < reportLimit) this.reported.push(item);
    if (this.stored + this.pending.length < storeLimit) this.pending.push(item);
  }

  take(): T[] {
    const taken = this.pending;
    this.stored += taken.length;
    this.pending = [];
    return taken;
  }
}
