export interface RekeyErrorOptions {
  /** Text safe to show the client; the message is for logs only and may carry ids. */
  detail?: string;
  /** When the caller may try again, in seconds (rate limits, holds with a known end). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * Base of every expected failure in Rekey. It knows nothing of HTTP or Kafka: its stable `code`
 * (`reset-token.expired`) is what the problem-details registry maps to a status, and what
 * consumers record in dead letters.
 */
export class RekeyError extends Error {
  readonly code: string;
  readonly detail: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** A broken rule stays broken: consumers dead-letter it at once instead of retrying. */
  readonly retryable = false;

  constructor(code: string, message: string, options: RekeyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.detail = options.detail;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
