/**
 * Interns strings as small integers. Both directories share one vocabulary, so comparing two
 * names, emails or address tokens is comparing two integers, blocking keys are numbers rather than
 * concatenated strings, and a million records hold typed arrays instead of millions of strings.
 * Id 0 means "missing".
 */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [''];

  idOf(value: string): number {
    if (value.length === 0) return 0;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }

  valueOf(id: number): string {
    return this.values[id] as string;
  }

  get size(): number {
    return this.values.length;
  }
}

/** Lists of ids per record (compressed rows): record i owns `values[offsets[i]] .. values[offsets[i + 1] - 1]`. */
export interface RaggedIds {
  offsets: Int32Array;
  values: Int32Array;
}

export class RaggedIdsBuilder {
  private offsets: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private values: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private rows = 0;
  private length = 0;

  /** Appends one record's ids; duplicates within the record are dropped, order is kept. */
  push(ids: readonly number[]): void {
    for (const id of ids) this.add(id);
    this.endRow();
  }

  /** Adds an id to the current row (0 and repeats are ignored); `endRow` closes the row. */
  add(id: number): void {
    if (id === 0) return;
    const start = this.offsets[this.rows] as number;
    for (let index = start; index < this.length; index++) if (this.values[index] === id) return;
    if (this.length === this.values.length) this.values = grow(this.values, this.values.length * 2);
    this.values[this.length++] = id;
  }

  endRow(): void {
    if (this.rows + 2 > this.offsets.length) this.offsets = grow(this.offsets, this.offsets.length * 2);
    this.offsets[++this.rows] = this.length;
  }

  build(): RaggedIds {
    return { offsets: this.offsets.slice(0, this.rows + 1), values: this.values.slice(0, this.length) };
  }
}

/** True when the two rows share an id. Rows are short (a few contacts, a few address tokens). */
export function rowsIntersect(first: RaggedIds, i: number, second: RaggedIds, j: number): boolean {
  const end = first.offsets[i + 1] as number;
  const otherStart = second.offsets[j] as number;
  const otherEnd = second.offsets[j + 1] as number;
  for (let a = first.offsets[i] as number; a < end; a++) {
    const id = first.values[a];
    for (let b = otherStart; b < otherEnd; b++) if (second.values[b] === id) return true;
  }
  return false;
}

export function rowLength(rows: RaggedIds, i: number): number {
  return (rows.offsets[i + 1] as number) - (rows.offsets[i] as number);
}

function grow(from: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const to = new Int32Array(size);
  to.set(from);
  return to;
}
