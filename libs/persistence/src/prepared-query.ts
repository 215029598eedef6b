import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

const names = new Map<string, string>();

/**
 * Runs a statement that a hot path repeats as a named prepared statement on the pool behind
 * TypeORM, so each connection parses and plans it once rather than on every request. The name
 * comes from the text, so only statements built from a fixed set of shapes belong here.
 */
export async function queryPrepared<Row>(
  dataSource: DataSource,
  text: string,
  values: readonly unknown[],
): Promise<Row[]> {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new Error('the database is not connected yet');
  const result = await pool.query({ name: statementNameOf(text), text, values: [...values] });
  return result.rows as Row[];
}

function statementNameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `rekey_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}
