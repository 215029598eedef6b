import { allTopics, deadLetterTopic, isRestrictedTopic, RestrictedTopics, Topics } from './topics';

describe('topics', () => {
  it('gives every area and restricted topic a dead-letter topic beside it', () => {
    expect(deadLetterTopic(Topics.reset)).toBe('rekey.reset.dlq');
    const topics = [...Object.values(Topics), ...Object.values(RestrictedTopics)];
    expect(allTopics().sort()).toEqual([...topics, ...topics.map(deadLetterTopic)].sort());
    expect(allTopics()).toContain('rekey.migration.dlq');
    expect(allTopics()).toContain('rekey.restricted.identity-contacts.dlq');
  });

  it('keeps restricted topics apart from the area topics that everyone reads', () => {
    expect(Object.values(Topics)).not.toContain(RestrictedTopics.identityContacts);
    expect(isRestrictedTopic(RestrictedTopics.identityContacts)).toBe(true);
    expect(Object.values(Topics).filter(isRestrictedTopic)).toEqual([]);
  });
});
