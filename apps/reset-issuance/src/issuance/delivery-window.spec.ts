import { DeliveryWindow } from './delivery-window';

/** A send the test finishes by hand. */
function pendingSend() {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { promise, finish, fail };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('DeliveryWindow', () => {
  it('never has more links handed over and unrecorded than its maximum', async () => {
    const recorded: string[][] = [];
    const window = new DeliveryWindow(
      4,
      async (ids) => void recorded.push(ids),
      () => undefined,
    );
    let peak = 0;
    const sends = Array.from({ length: 20 }, (_, index) =>
      window.send(`link-${index}`, async () => {
        peak = Math.max(peak, window.inFlight);
        await settle();
      }),
    );
    await Promise.all(sends);
    await window.flush();
    expect(peak).toBeLessThanOrEqual(4);
    expect(recorded.flat().sort()).toEqual(Array.from({ length: 20 }, (_, index) => `link-${index}`).sort());
    expect(window.inFlight).toBe(0);
  });

  it('holds a send back while the window is full of links still in the transport', async () => {
    const window = new DeliveryWindow(
      2,
      async () => undefined,
      () => undefined,
    );
    const first = pendingSend();
    const second = pendingSend();
    const handed: string[] = [];
    void window.send('a', () => (handed.push('a'), first.promise));
    void window.send('b', () => (handed.push('b'), second.promise));
    const third = window.send('c', async () => void handed.push('c'));
    await settle();
    expect(handed).toEqual(['a', 'b']);
    first.finish();
    await third;
    expect(handed).toEqual(['a', 'b', 'c']);
    second.finish();
    await window.flush();
    expect(window.inFlight).toBe(0);
  });

  it('records links in batches, not one statement per link', async () => {
    const recorded: string[][] = [];
    const window = new DeliveryWindow(
      100,
      async (ids) => void recorded.push(ids),
      () => undefined,
    );
    await Promise.all(
      Array.from({ length: 100 }, (_, index) => window.send(`l${index}`, async () => undefined)),
    );
    await window.flush();
    expect(recorded.flat()).toHaveLength(100);
    expect(recorded.length).toBeLessThanOrEqual(3);
  });

  it('frees the slot of a failed send at once and never records it', async () => {
    const recorded: string[] = [];
    const window = new DeliveryWindow(
      1,
      async (ids) => void recorded.push(...ids),
      () => undefined,
    );
    await expect(
      window.send('refused', async () => {
        throw new Error('550 rejected');
      }),
    ).rejects.toThrow('550');
    expect(window.inFlight).toBe(0);
    await window.send('accepted', async () => undefined);
    await window.flush();
    expect(recorded).toEqual(['accepted']);
  });

  it('reports a record that failed and frees its slots, so sending goes on', async () => {
    const failures: string[][] = [];
    let calls = 0;
    const window = new DeliveryWindow(
      2,
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database gone');
      },
      (_error, ids) => void failures.push(ids),
    );
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => window.send(id, async () => undefined)));
    await window.flush();
    expect(failures.flat().length).toBeGreaterThan(0);
    expect(window.inFlight).toBe(0);
  });
});
