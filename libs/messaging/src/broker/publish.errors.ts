/**
 * The broker refused a message for good: sending it again, however often, gets the same answer
 * (too large for its topic, a topic name the broker rejects, no right to write there, a record it
 * calls invalid). Every other publish failure is transient (broker down, leader moving, timeouts)
 * and worth retrying as it is.
 */
export class PublishRefused extends Error {
  override readonly name = 'PublishRefused';

  constructor(
    /** The broker's error code, e.g. `MESSAGE_TOO_LARGE`. */
    readonly reason: string,
    message: string,
  ) {
    super(`${reason}: ${message}`);
  }
}

export function isPublishRefused(error: unknown): error is PublishRefused {
  return error instanceof PublishRefused;
}
