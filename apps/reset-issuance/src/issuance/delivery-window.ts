/**
 * Bounds the links handed to the transport and not yet recorded delivered, across every batch a
 * replica sends at once: what a crash can leave "possibly sent", and so what a restart sends again
 * (with the same sealed link, so the customer's copies all work). A send waits for a slot; links
 * sent are recorded delivered together, in one statement, once enough are waiting or a send
 * needs a slot; a slot frees once its link's record has committed.
 */
export class DeliveryWindow {
  private handedOver = 0;
  private sent: string[] = [];
  private readonly waiting: Array<() => void> = [];
  private recording: Promise<void> = Promise.resolve();
  private readonly recordAt: number;

  constructor(
    private readonly maxInFlight: number,
    private readonly record: (issuanceIds: string[]) => Promise<void>,
    private readonly onRecordFailed: (error: unknown, issuanceIds: string[]) => void,
  ) {
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new Error('maxInFlight must be at least 1');
    // Half the window: sends go on while the first half's record commits.
    this.recordAt = Math.max(1, Math.floor(maxInFlight / 2));
  }

  /** Links handed to the transport and not yet recorded: never more than `maxInFlight`. */
  get inFlight(): number {
    return this.handedOver;
  }

  /**
   * Hands one link to `deliver` once a slot is free. A failed send frees its slot at once and
   * throws: the link stays undelivered, to be sent again after the lease.
   */
  async send(issuanceId: string, deliver: () => Promise<unknown>): Promise<void> {
    while (this.handedOver >= this.maxInFlight) {
      void this.flush();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.handedOver += 1;
    try {
      await deliver();
    } catch (error) {
      this.release(1);
      throw error;
    }
    this.sent.push(issuanceId);
    if (this.sent.length >= this.recordAt || this.waiting.length > 0) void this.flush();
  }

  /** Records every link sent so far; resolves once that record has committed (or failed). */
  flush(): Promise<void> {
    this.recording = this.recording.then(() => this.recordSent());
    return this.recording;
  }

  private async recordSent(): Promise<void> {
    const ids = this.sent;
    if (ids.length === 0) return;
    this.sent = [];
    try {
      await this.record(ids);
    } catch (error) {
      // Not recorded: after the lease they are sent again, with the same links.
      this.onRecordFailed(error, ids);
    } finally {
      this.release(ids.length);
    }
  }

  private release(count: number): void {
    this.handedOver -= count;
    for (let woken = 0; woken < count && this.waiting.length > 0; woken++) this.waiting.shift()?.();
  }
}
