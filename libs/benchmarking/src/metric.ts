/** One figure of a benchmark, as bench/results/<name>.json records it. */
export interface Metric {
  metric: string;
  value: number;
  unit: string;
  /** The target as text, e.g. ">= 5000" or "<= 100". */
  target: string;
}
