import { assertSafeMessageId } from '../message-id';
import type { Delivery, Notifier, OutgoingMessage } from '../notifier.port';

/**
 * The notifier of unit tests: keeps what it accepted, in order. It checks message ids as the real
 * adapters do, and can be told to refuse messages, to test what a sender does when delivery fails.
 */
export class RecordingNotifier implements Notifier {
  readonly sent: OutgoingMessage[] = [];
  closed = false;
  private refusal: ((message: OutgoingMessage) => Error | undefined) | undefined;

  /** From now on, messages for which `reason` returns an error are refused with it. */
  refuse(reason: (message: OutgoingMessage) => Error | undefined): this {
    this.refusal = reason;
    return this;
  }

  send(message: OutgoingMessage): Promise<Delivery> {
    try {
      assertSafeMessageId(message);
      const error = this.refusal?.(message);
      if (error) throw error;
    } catch (error) {
      return Promise.reject(error as Error);
    }
    this.sent.push(message);
    return Promise.resolve({ messageId: message.id, transport: 'recording' });
  }

  /** The messages sent to one recipient, oldest first. */
  sentTo(recipient: string): OutgoingMessage[] {
    return this.sent.filter((message) => message.recipient === recipient);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
