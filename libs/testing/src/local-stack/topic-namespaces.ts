import { randomBytes } from 'node:crypto';
import type { Admin } from 'kafkajs';

// No test file or benchmark runs this long (the longest bench is bounded at 30 minutes); older
// namespaces are leftovers of finished runs. A broker of a single small machine slows with every
// partition it keeps: a few hours of test runs left hundreds.
const leftoverAgeSeconds = 45 * 60;
const namespacePattern = /^t([0-9a-z]+)-[0-9a-f]{8}-[A-Za-z0-9_-]*\./;

/**
 * A fresh topic prefix for one test file or benchmark: `t<created>-<random>-<label>.`. The
 * creation time (base-36 seconds) lets a later run recognise what a finished or killed one left.
 */
export function newTopicNamespace(label: string, now = Date.now()): string {
  const created = Math.floor(now / 1000).toString(36);
  const name = label.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40);
  return `t${created}-${randomBytes(4).toString('hex')}-${name}.`;
}

/** The topics of namespaces created more than 45 minutes before `now`. */
export function leftoverNamespaceTopics(topics: readonly string[], now = Date.now()): string[] {
  const nowSeconds = Math.floor(now / 1000);
  return topics.filter((topic) => {
    const created = namespacePattern.exec(topic)?.[1];
    return created !== undefined && nowSeconds - parseInt(created, 36) > leftoverAgeSeconds;
  });
}

/** Deletes what old namespaces left on the broker, so a developer's broker does not fill up. */
export async function dropLeftoverNamespaces(admin: Admin): Promise<void> {
  const leftovers = leftoverNamespaceTopics(await admin.listTopics());
  // Another process may be deleting the same leftovers: losing that race is fine.
  if (leftovers.length > 0) await admin.deleteTopics({ topics: leftovers }).catch(() => undefined);
}
