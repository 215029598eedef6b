import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSProtocolError } from 'kafkajs';
import { isPublishRefused } from './publish.errors';
import { refusalOf } from './kafkajs-producer.adapter';

const protocolError = (type: string, retriable: boolean) =>
  new KafkaJSProtocolError({ type, code: 0, retriable, message: `the broker says ${type}` } as never);

describe('telling a refusal for good from a transient failure', () => {
  it.each([
    'MESSAGE_TOO_LARGE',
    'RECORD_LIST_TOO_LARGE',
    'INVALID_TOPIC_EXCEPTION',
    'TOPIC_AUTHORIZATION_FAILED',
    'INVALID_RECORD',
  ])('calls %s, as kafkajs wraps it, a refusal for good', (type) => {
    const cause = protocolError(type, false);
    // As kafkajs's retrier hands it on, and wrapped as its non-retriable error.
    for (const error of [cause, Object.assign(new KafkaJSNonRetriableError(cause), { cause })]) {
      const refusal = refusalOf(error);
      expect(isPublishRefused(refusal)).toBe(true);
      expect(refusal).toMatchObject({ reason: type, message: `${type}: the broker says ${type}` });
    }
  });

  it.each([
    ['a lost connection', new KafkaJSConnectionError('Connection error: ECONNREFUSED')],
    ['a leader moving', protocolError('NOT_LEADER_FOR_PARTITION', true)],
    ['a timeout', protocolError('REQUEST_TIMED_OUT', true)],
    ['a sequence out of order', protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER', false)],
    ['an unknown topic (it may be being created)', protocolError('UNKNOWN_TOPIC_OR_PARTITION', true)],
    ['any other error', new Error('boom')],
  ])('calls %s transient', (_what, error) => {
    expect(refusalOf(error)).toBeUndefined();
  });
});
