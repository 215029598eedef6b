import {
  allTopics,
  deadLetterTopic,
  isRestrictedTopic,
  RestrictedTopicReaders,
  RestrictedTopics,
  Topics,
} from './topics';

describe('topics', () => {
  it('gives every area and restricted topic a dead-letter topic beside it', () => {
    expect(deadLetterTopic(Topics.reset)).toBe('rekey.reset.dlq');
    const topics = [...Object.values(Topics), ...Object.values(RestrictedTopics)];
    expect(allTopics().sort()).toEqual([...topics, ...topics.map(deadLetterTopic)].sort());
    expect(allTopics()).toContain('rekey.migration.dlq');
    expect(allTopics()).toContain('rekey.restricted.identity-contacts.dlq');
    expect(allTopics()).toContain('rekey.restricted.enrollment-contacts.dlq');
  });

  it('keeps restricted topics apart from the area topics that everyone reads', () => {
    for (const topic of Object.values(RestrictedTopics)) {
      expect(Object.values(Topics)).not.toContain(topic);
      expect(isRestrictedTopic(topic)).toBe(true);
    }
    expect(Object.values(Topics).filter(isRestrictedTopic)).toEqual([]);
  });

  it('gives each restricted topic its own one reader', () => {
    expect(RestrictedTopicReaders).toEqual({
      [RestrictedTopics.identityContacts]: 'reset-issuance',
      [RestrictedTopics.enrollmentContacts]: 'enrollment',
    });
  });
});
