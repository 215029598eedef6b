import type { DataSource } from 'typeorm';
import { PgDirectoryRecords } from '../../directory/adapters/pg-directory-records';
import { compileLinkage } from '../../matching/domain/linkage';
import { findCandidatePairs } from '../../matching/domain/blocking-rules';
import { pairCompleteness, type PairCompleteness } from '../../matching/domain/blocking-quality';
import { DirectoryPreparer } from '../../matching';
import type { MatchConfig } from '../../matching';

/**
 * Blocking's recall against the benchmark's truth (bench_truth): the directories are read and
 * blocked again as the run blocked them, after the measured run, so that neither its time nor
 * its peak memory pays for it.
 */
export async function measurePairCompleteness(
  dataSource: DataSource,
  config: MatchConfig,
): Promise<PairCompleteness> {
  const directories = new PgDirectoryRecords(dataSource);
  const preparer = new DirectoryPreparer(config, new Date());
  for await (const page of directories.pages('legacy')) for (const record of page) preparer.addLegacy(record);
  for await (const page of directories.pages('target')) for (const record of page) preparer.addTarget(record);
  const { legacy, target } = preparer.prepare();
  const linkage = compileLinkage(config.linkage);
  const pairs = findCandidatePairs(
    legacy,
    target,
    linkage.rules,
    config.linkage.blocking.candidatesPerRecord,
  );
  const rows: Array<{ legacy_account_id: string; target_account_id: string }> = await dataSource.query(
    `SELECT legacy_account_id, target_account_id FROM bench_truth`,
  );
  const truth = new Map(rows.map((row) => [row.legacy_account_id, row.target_account_id]));
  return pairCompleteness(pairs, legacy, target, truth, linkage.layout.ruleNames);
}
