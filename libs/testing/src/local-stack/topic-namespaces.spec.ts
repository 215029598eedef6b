import { leftoverNamespaceTopics, newTopicNamespace } from './topic-namespaces';

describe('topic namespaces', () => {
  const created = Date.parse('2026-11-30T10:00:00Z');
  const minute = 60_000;

  it('makes a prefix Kafka accepts from any label, unique per call', () => {
    const prefix = newTopicNamespace('e2e holds/audit', created);
    expect(prefix).toMatch(/^t[0-9a-z]+-[0-9a-f]{8}-e2e-holds-audit\.$/);
    expect(newTopicNamespace('e2e holds/audit', created)).not.toBe(prefix);
  });

  it('counts a namespace as left over 45 minutes after it was made, and nothing else', () => {
    const old = newTopicNamespace('old', created);
    const recent = newTopicNamespace('recent', created + 30 * minute);
    const topics = [
      `${old}rekey.reset`,
      `${old}rekey.reset.dlq`,
      `${recent}rekey.reset`,
      'rekey.reset',
      'orders',
    ];
    expect(leftoverNamespaceTopics(topics, created + 45 * minute + 1_000)).toEqual([
      `${old}rekey.reset`,
      `${old}rekey.reset.dlq`,
    ]);
    expect(leftoverNamespaceTopics(topics, created + 44 * minute)).toEqual([]);
  });
});
