/** One column of a batch: its name, its PostgreSQL type, and its value in a row. */
export interface UnnestColumn<Row> {
  name: string;
  type: string;
  value: (row: Row) => unknown;
}

export interface UnnestRows {
  /** `unnest($n::type[], ...) AS <alias> (name, ...)`, for a FROM clause. */
  from: string;
  /** One array per column, bound from parameter `firstParameter` on. */
  values: unknown[][];
}

/**
 * A batch of rows as one array per column, read back with `unnest`: a statement of thousands of
 * rows stays short, plans once, parses no JSON and never meets the limit on parameters. An array
 * column has no place in a one-dimensional array: pass it encoded (a joined or JSON string) and
 * decode it in the statement.
 */
export function unnestRows<Row>(
  rows: readonly Row[],
  columns: readonly UnnestColumn<Row>[],
  alias: string,
  firstParameter = 1,
): UnnestRows {
  const values = columns.map((column) => rows.map((row) => column.value(row)));
  const arrays = columns.map((column, index) => `$${firstParameter + index}::${column.type}[]`);
  return {
    from: `unnest(${arrays.join(', ')}) AS ${alias} (${columns.map((column) => column.name).join(', ')})`,
    values,
  };
}
