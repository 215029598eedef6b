import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { createLogger } from './logger';

function memoryLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ serviceName: 'reset-issuance', destination }), lines };
}

describe('createLogger', () => {
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  });

  it('writes JSON lines naming the service', () => {
    const { logger, lines } = memoryLogger();
    logger.info({ waveId: 'w-1' }, 'wave launched');
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'reset-issuance',
      waveId: 'w-1',
      message: 'wave launched',
    });
  });

  it('carries the trace and span ids of the active span', () => {
    const { logger, lines } = memoryLogger();
    const span = new TracerProvider().getTracer('test').startSpan('redeem');
    context.with(trace.setSpan(context.active(), span), () => logger.info('redeemed'));
    span.end();
    expect(lines[0]).toMatchObject({
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
    });
  });

  it('never writes tokens, codes, secrets or credentials', () => {
    const { logger, lines } = memoryLogger();
    const secrets = [
      's3cr3t-password',
      '654321',
      'Bearer eyJhbGciOi.eyJzdWIiOiJh.c2lnbmF0dXJl',
      'q3VvJ1m8Zc0xT5nYp2LwR7sKd4HfA9eBgU6iOjNlMtE',
    ];
    logger.info({ password: secrets[0], challenge: { code: secrets[1] } }, 'step-up');
    logger.warn({ req: { headers: { authorization: secrets[2] } } }, 'refused');
    logger.error(`redemption failed for token ${secrets[3]}`);
    logger.info({ nested: { deeper: { resetToken: secrets[3], note: `link had ${secrets[3]}` } } }, 'deep');
    const output = lines.map((line) => JSON.stringify(line)).join('\n');
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).toContain('[REDACTED]');
  });
});
