import { allTopics, deadLetterTopic, Topics } from './topics';

describe('topics', () => {
  it('gives every area topic a dead-letter topic beside it', () => {
    expect(deadLetterTopic(Topics.reset)).toBe('rekey.reset.dlq');
    expect(allTopics()).toHaveLength(Object.keys(Topics).length * 2);
    expect(allTopics()).toContain('rekey.migration.dlq');
  });
});
