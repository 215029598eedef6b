import { allTopics, RestrictedTopicReaders, RestrictedTopics, Topics } from '@rekey/contracts';
import { readRepositoryFile } from './repository-files';

/** The grants deploy/kafka/create-topics.sh makes with APPLY_ACLS=true: [kind, principal, topic]. */
function grants(): Array<{ kind: 'read' | 'write'; principal: string; topic: string }> {
  const script = readRepositoryFile('deploy/kafka/create-topics.sh');
  return [...script.matchAll(/^(read|write)_topic (\S+) (\S+)$/gm)].map((match) => ({
    kind: match[1] as 'read' | 'write',
    principal: match[2]!,
    topic: match[3]!,
  }));
}

describe('the Kafka ACLs of a deployment', () => {
  const restricted = RestrictedTopics.identityContacts;
  const enrollmentContacts = RestrictedTopics.enrollmentContacts;

  it('let only each restricted topic’s one reader read it', () => {
    for (const topic of Object.values(RestrictedTopics)) {
      const readers = grants().filter((grant) => grant.kind === 'read' && grant.topic === topic);
      expect(readers.map((grant) => grant.principal)).toEqual([RestrictedTopicReaders[topic]]);
    }
    expect(RestrictedTopicReaders[restricted]).toBe('reset-issuance');
    expect(RestrictedTopicReaders[enrollmentContacts]).toBe('enrollment');
  });

  it('let reset-issuance read exactly what its consumers follow: the contacts, enrollment and the fraud signals', () => {
    const reads = grants().filter((grant) => grant.kind === 'read' && grant.principal === 'reset-issuance');
    expect(reads.map((grant) => grant.topic).sort()).toEqual(
      [restricted, Topics.enrollment, Topics.fraud].sort(),
    );
  });

  it('let session-revocation read completions, links and holds, and no restricted topic', () => {
    const reads = grants().filter(
      (grant) => grant.kind === 'read' && grant.principal === 'session-revocation',
    );
    expect(reads.map((grant) => grant.topic).sort()).toEqual(
      [Topics.enrollment, Topics.fraud, Topics.identity, Topics.reset].sort(),
    );
  });

  it('let enrollment read the holds of reset-issuance and fraud monitoring, and its own contacts topic only', () => {
    const reads = grants().filter((grant) => grant.kind === 'read' && grant.principal === 'enrollment');
    expect(reads.map((grant) => grant.topic).sort()).toEqual(
      [enrollmentContacts, Topics.fraud, Topics.reset].sort(),
    );
  });

  it('let audit read every area topic and nothing restricted', () => {
    const audit = grants().filter((grant) => grant.kind === 'read' && grant.principal === 'audit');
    expect(audit.map((grant) => grant.topic).sort()).toEqual(Object.values(Topics).sort());
  });

  it('name only topics the platform has, each written by one producer', () => {
    const known = new Set(allTopics());
    expect(grants().filter((grant) => !known.has(grant.topic))).toEqual([]);
    const writes = grants().filter((grant) => grant.kind === 'write');
    expect(new Set(writes.map((grant) => grant.topic)).size).toBe(writes.length);
    for (const topic of Object.values(RestrictedTopics)) {
      expect(writes.find((grant) => grant.topic === topic)?.principal).toBe('identity-matching');
    }
  });

  it('never grant on a prefix that would take in a restricted topic', () => {
    const script = readRepositoryFile('deploy/kafka/create-topics.sh');
    expect(script).not.toMatch(/--topic[^\n]*--resource-pattern-type prefixed/);
  });
});
