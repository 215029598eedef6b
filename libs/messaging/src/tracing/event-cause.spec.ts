import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { causationHeaders, currentCause, runCausedBy } from './event-cause';
import { journeyOfEvent } from './event-journey';

const cause = { eventId: 'cause-1', correlationId: 'chain-0' };

describe('causationHeaders', () => {
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  });

  it('puts an event that starts its own chain into the cause’s chain', () => {
    expect(causationHeaders({ id: 'e-1', correlationId: 'e-1' }, cause)).toEqual({
      ce_causationid: 'cause-1',
      ce_correlationid: 'chain-0',
    });
  });

  it('keeps a causation the producer named, and leaves an event with no cause alone', () => {
    expect(
      causationHeaders({ id: 'e-1', correlationId: 'other', causationId: 'named' }, cause),
    ).toBeUndefined();
    expect(causationHeaders({ id: 'e-1', correlationId: 'e-1' }, undefined)).toBeUndefined();
  });

  it('takes the cause from the context runCausedBy opened, across awaits', async () => {
    const seen = await context.with(ROOT_CONTEXT, () =>
      runCausedBy(cause, async () => {
        await new Promise((resolve) => setImmediate(resolve));
        return currentCause();
      }),
    );
    expect(seen).toEqual(cause);
    expect(currentCause()).toBeUndefined();
  });
});

describe('journeyOfEvent', () => {
  it('names an account and a wave only where the data does', () => {
    expect(journeyOfEvent({ journeyId: 'j-1', data: { legacyAccountId: 'L-1', waveId: 'w-1' } })).toEqual({
      journeyId: 'j-1',
      legacyAccountId: 'L-1',
      waveId: 'w-1',
    });
    expect(journeyOfEvent({ data: { importId: 'i-1', rows: 3 } })).toEqual({});
  });
});
