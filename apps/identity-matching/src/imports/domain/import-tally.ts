import type { Rejection } from './directory-row';
import { noCounts, type ImportCounts } from './directory-import';

export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Lines whose account id an earlier line of the same file already had. */
  duplicates: Rejection[];
}

/**
 * Counts an import as it goes and keeps a bounded number of rejections: every rejection is
 * counted, the first `storeLimit` are stored, the first `reportLimit` are answered, so a file of
 * a million bad lines costs no more memory than a good one.
 */
export class ImportTally {
  readonly counts: ImportCounts = noCounts();
  private readonly reported: Rejection[] = [];
  private toStore: Rejection[] = [];
  private stored = 0;

  constructor(private readonly limits: { storeLimit: number; reportLimit: number }) {}

  lineRead(): void {
    this.counts.read++;
  }

  reject(rejection: Rejection): void {
    this.counts.rejected++;
    if (this.reported.length < this.limits.reportLimit) this.reported.push(rejection);
    if (this.stored + this.toStore.length < this.limits.storeLimit) this.toStore.push(rejection);
  }

  addBatch(outcome: BatchOutcome): void {
    this.counts.inserted += outcome.inserted;
    this.counts.updated += outcome.updated;
    this.counts.unchanged += outcome.unchanged;
    for (const duplicate of outcome.duplicates) this.reject(duplicate);
  }

  get pendingRejections(): number {
    return this.toStore.length;
  }

  /** The rejections still to store, handed over once. */
  takeRejectionsToStore(): Rejection[] {
    const taken = this.toStore;
    this.stored += taken.length;
    this.toStore = [];
    return taken;
  }

  /** The first rejections in line order (duplicates are found a batch late, out of order). */
  reportedRejections(): Rejection[] {
    return [...this.reported].sort((first, second) => first.line - second.line);
  }
}
