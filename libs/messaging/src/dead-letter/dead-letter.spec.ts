import { DeadLetterHeaders, toDeadLetter } from './dead-letter';

describe('toDeadLetter', () => {
  const message = {
    topic: 'rekey.reset',
    partition: 2,
    offset: '41',
    key: 'L-1001',
    value: Buffer.from('{"not":"valid"'),
    headers: { ce_id: 'e-1', traceparent: '00-abc-def-01', [DeadLetterHeaders.reason]: 'an older reason' },
  };

  it('keeps the original bytes, key and headers and says why, where from and who gave up', () => {
    const letter = toDeadLetter(
      message,
      'audit.recorder',
      { code: 'event.invalid-json', reason: 'body is not valid JSON', attempts: 1 },
      new Date('2026-11-20T10:00:00Z'),
    );
    expect(letter.topic).toBe('rekey.reset.dlq');
    expect(letter.key).toBe('L-1001');
    expect(letter.value.equals(message.value)).toBe(true);
    expect(letter.headers).toMatchObject({
      ce_id: 'e-1',
      traceparent: '00-abc-def-01',
      [DeadLetterHeaders.reason]: 'body is not valid JSON',
      [DeadLetterHeaders.code]: 'event.invalid-json',
      [DeadLetterHeaders.sourceTopic]: 'rekey.reset',
      [DeadLetterHeaders.sourcePartition]: '2',
      [DeadLetterHeaders.sourceOffset]: '41',
      [DeadLetterHeaders.consumer]: 'audit.recorder',
      [DeadLetterHeaders.attempts]: '1',
      [DeadLetterHeaders.failedAt]: '2026-11-20T10:00:00.000Z',
    });
  });

  it('bounds the reason so a huge error cannot bloat the dead-letter topic', () => {
    const letter = toDeadLetter(
      message,
      'c',
      { code: 'x.y', reason: 'x'.repeat(10_000), attempts: 5 },
      new Date(),
    );
    expect(letter.headers[DeadLetterHeaders.reason]!.length).toBe(2_000);
  });
});
