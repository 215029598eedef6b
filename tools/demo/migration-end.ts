/**
 * The end of the demo migration, after the customers have acted: the legacy sessions of everyone
 * who enrolled are revoked at the legacy system, a downstream consumer counts the public migration
 * events, and a legacy login with an old password shows the legacy path closed. Each step prints
 * its own part; the wave's funnel and the verification of audit's log end it.
 */
import path from 'node:path';
import { printFunnel } from '../funnel/print-funnel';
import { auditVerificationText } from '../operator-api/audit-verification-api';
import { stalledRevocationsOf } from '../operator-api/session-revocation-api';
import { waitForSeal } from './audit-seal-wait';
import { waitForFunnel } from './funnel-wait';
import type { RunningFaults } from './legacy-fault-schedule';
import type { LegacyCiamClient } from './legacy-ciam-client';
import { checkLegacyLogins, legacyLoginText } from './legacy-login-check';
import { countMigrationStream, migrationStreamText } from './migration-stream-count';
import { waitForRevocations } from './revocation-wait';

export interface MigrationEndOptions {
  legacy: LegacyCiamClient;
  /** The faults switched on for the first revocations, ended here if they still run. */
  faults?: RunningFaults;
  /** Accounts enrolled in this run: each must end revoked at the legacy system. */
  enrolled: number;
  /** Every account of the legacy directory the simulator was seeded with. */
  legacyAccountIds: readonly string[];
  kafkaBrokers: string[];
  waveId: string;
  /** session-revocation's URL and an operator token with revocations:read, to say what stalled. */
  sessionRevocation: { url: string; token: string };
  /** audit's URL and an operator token with audit:read, for the funnel and the verification. */
  audit: { url: string; token: string };
}

export async function runMigrationEnd(options: MigrationEndOptions): Promise<void> {
  const say = (text: string) => process.stdout.write(`${text}\n`);
  const { legacy } = options;

  say(
    `\n== Closing the legacy path: ${options.enrolled} enrolled accounts to revoke at the legacy system ==\n`,
  );
  const revocations = await waitForRevocations(legacy, options.enrolled);
  if (options.faults) say(await options.faults.stop());
  const stats = await legacy.stats();
  const keys = Object.values(stats.byIdempotencyKey);
  say(
    `Legacy system: ${revocations.revokedAccounts} accounts revoked, ${revocations.retiredAccounts} logins retired, ` +
      `${stats.calls} legacy calls, ${keys.filter((key) => key.calls > 1).length} idempotency keys retried, ` +
      `${keys.filter((key) => key.effects > 1).length} applied twice`,
  );
  if (!revocations.complete) {
    say(
      `Not every enrolled account was revoked (${revocations.revokedAccounts} of ${options.enrolled}); ` +
        'see tmp/logs/session-revocation.log.',
    );
    say(await stalledText(options));
  }

  say('');
  const stream = await countMigrationStream({
    brokers: options.kafkaBrokers,
    waveId: options.waveId,
    expectedMigrated: options.enrolled,
  });
  say(migrationStreamText(stream));

  say('');
  say(legacyLoginText(await checkLegacyLogins(legacy, stream.migratedThisRun, options.legacyAccountIds)));

  say(`\n== The wave's funnel (audit; again with: npm run funnel -- --wave ${options.waveId}) ==\n`);
  await waitForFunnel(options.audit.url, options.audit.token, options.waveId, stream.migratedThisRun.length);
  const { svgPath } = await printFunnel({
    auditUrl: options.audit.url,
    token: options.audit.token,
    waveId: options.waveId,
    write: say,
  });
  say(`Open ${path.relative(process.cwd(), svgPath)} in a browser to see the funnel as a chart.`);

  say('\n== The audit log, verified (again with: npm run audit:verify) ==\n');
  const report = await waitForSeal(options.audit.url, options.audit.token);
  say(auditVerificationText(report));
  say(
    `Evidence for one account, checkable offline: npm run audit:evidence -- --account ${stream.migratedThisRun[0] ?? '<legacy id>'}`,
  );
}

/** Why revocations of the wave stopped, from session-revocation's operator API, by error code. */
async function stalledText(options: MigrationEndOptions): Promise<string> {
  const { url, token } = options.sessionRevocation;
  const stalled = await stalledRevocationsOf(url, token, options.waveId).catch(() => undefined);
  if (!stalled) return `Stalled revocations: GET ${url}/operator/revocations?state=stalled`;
  const byCode = new Map<string, number>();
  for (const item of stalled) {
    const code = item.lastErrorCode ?? 'still retrying';
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  const reasons = [...byCode].map(([code, count]) => `${count} ${code}`).join(', ');
  // legacy.unknown-account: the wave holds accounts of an earlier demo run's (bigger) directory,
  // which this run's simulator was not seeded with.
  return `${stalled.length} revocations of this wave stalled (${reasons || 'none'}): GET ${url}/operator/revocations?state=stalled`;
}
