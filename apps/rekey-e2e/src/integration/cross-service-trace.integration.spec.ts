import type { ServiceProcess } from '@rekey/testing';
import { OtlpReceiver } from './otlp-receiver';
import { anAccountId, eventually, operatorToken, TestPlatform } from './platform';

describe('tracing one operator action across services', () => {
  const platform = new TestPlatform('trace');
  const receiver = new OtlpReceiver();
  let services: Record<'reset-issuance' | 'audit', ServiceProcess>;

  beforeAll(async () => {
    const endpoint = await receiver.start();
    services = await platform.startServices(['reset-issuance', 'audit'], {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
  });

  afterAll(async () => {
    await receiver.stop();
  });

  it('gives the HTTP request into reset-issuance and the event handled by audit one trace', async () => {
    const account = anAccountId();
    const response = await fetch(`${services['reset-issuance'].url}/operator/holds`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await operatorToken(['holds:write'])}`,
      },
      body: JSON.stringify({ legacyAccountId: account, reason: 'trace me', deliberate: true }),
    });
    expect(response.status).toBe(201);

    const request = await eventually(async () =>
      receiver.spans.find(
        (span) =>
          span.service === 'reset-issuance' && span.name === 'POST /operator/holds' && span.kind === 2,
      ),
    );
    const processed = await eventually(async () =>
      receiver.spans.find(
        (span) =>
          span.service === 'audit' &&
          span.name === 'process rekey.reset' &&
          span.attributes['rekey.legacy_account_id'] === account,
      ),
    );
    expect(processed.traceId).toBe(request.traceId);

    const trace = receiver.spans.filter((span) => span.traceId === request.traceId);
    const publish = trace.find((span) => span.name === 'publish rekey.reset');
    expect(publish?.service).toBe('reset-issuance');
    expect(processed.parentSpanId).toBe(publish?.spanId);
    // The audit's own write happens inside that trace: the batch's append, a child of the process
    // span, and its INSERT under it.
    const append = await eventually(async () =>
      receiver.spans.find(
        (span) =>
          span.service === 'audit' &&
          span.name === 'before-commit audit.append-records' &&
          span.parentSpanId === processed.spanId,
      ),
    );
    await eventually(async () =>
      receiver.spans.find(
        (span) =>
          span.service === 'audit' &&
          span.name.startsWith('pg.query:INSERT') &&
          span.parentSpanId === append.spanId,
      ),
    );
  });
});
