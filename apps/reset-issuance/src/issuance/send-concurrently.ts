/**
 * Runs `send` over the items with at most `limit` in flight and returns the items it succeeded
 * for; a failure is reported and left for the lease to retry, it never stops the others.
 */
export async function sendConcurrently<T>(
  items: readonly T[],
  limit: number,
  send: (item: T) => Promise<unknown>,
  onFailure: (item: T, error: unknown) => void,
): Promise<T[]> {
  const sent: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await send(item);
        sent.push(item);
      } catch (error) {
        onFailure(item, error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return sent;
}
