/** One column of a batch: its name, its PostgreSQL type, and its value in a row. */
export interface UnnestColumn<Row> {
  name: string;
  type: string;
  value: (row: Row) => unknown;
}

export interface UnnestRows {
  /** `unnest($n::type[], ...) AS <alias> (name, ...)`, for a FROM clause. */
  from: string;
  /** One parameter per column, bound from parameter `firstParameter` on. */
  values: unknown[];
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
  const values = columns.map((column) => arrayParameter(rows.map((row) => column.value(row))));
  const arrays = columns.map((column, index) => `$${firstParameter + index}::${column.type}[]`);
  return {
    from: `unnest(${arrays.join(', ')}) AS ${alias} (${columns.map((column) => column.name).join(', ')})`,
    values,
  };
}

/**
 * A column of texts, numbers, booleans, bytes and nulls as its PostgreSQL array literal, built in
 * one pass: the driver's own conversion escapes every element with two regular expressions, which
 * is most of the cost of a batch's parameters. Bytes go as `bytea` hex (`\x…`). Anything else
 * (dates) is left to the driver.
 */
export function arrayParameter(values: readonly unknown[]): string | readonly unknown[] {
  let literal = '{';
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (index > 0) literal += ',';
    if (value === null || value === undefined) literal += 'NULL';
    else if (typeof value === 'string') literal += quoted(value);
    else if (typeof value === 'number') literal += Number.isFinite(value) ? String(value) : `"${value}"`;
    else if (typeof value === 'boolean') literal += value ? 't' : 'f';
    // The array parser reads `\\` inside quotes as one backslash: the element is `\x<hex>`.
    else if (value instanceof Uint8Array)
      literal += `"\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}"`;
    else return values;
  }
  return `${literal}}`;
}

// Quoted, every element is text to the array parser, whatever it holds ("NULL", braces, commas).
function quoted(value: string): string {
  if (value.includes('"') || value.includes('\\')) return `"${value.replace(/["\\]/g, '\\$&')}"`;
  return `"${value}"`;
}
