import type { EntityManager } from 'typeorm';
import type { ChainHead } from './domain/audit-record';
import { EMPTY_CHAIN } from './domain/audit-record';

// Any constant: it names the one chain. An advisory lock rather than a row lock on a head row:
// the log tables stay insert-only, and there is no mutable head that could disagree with them.
const CHAIN_LOCK = 0x617564_6974; // "audit"

/**
 * Takes the chain for this transaction and reads its head. Two statements on purpose: under READ
 * COMMITTED each statement sees what committed before it began, so the head is read only once
 * the lock is held, and it includes the last append of whoever held it before.
 */
export async function lockChainHead(manager: EntityManager): Promise<ChainHead> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
  const rows: Array<{ sequence: string; hash: Buffer }> = await manager.query(
    'SELECT sequence, hash FROM audit_record ORDER BY sequence DESC LIMIT 1',
  );
  const head = rows[0];
  return head ? { sequence: Number(head.sequence), hash: head.hash } : EMPTY_CHAIN;
}
