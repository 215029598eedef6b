/** How a message reaches its recipient. */
export type NotificationChannel = 'email' | 'sms';

/**
 * One message to one recipient. The sender owns the content; a notifier only delivers it.
 * SMS carry `text` only: `subject` and `html` are for email.
 */
export interface OutgoingMessage {
  /**
   * Stable for this message, chosen by the sender (see `newMessageId`): it names the file a file
   * adapter writes and is the local part of the email's Message-ID. Letters, digits, `.`, `_`
   * and `-` only, at most 200 characters, so it is safe in a file name and a header.
   */
  id: string;
  channel: NotificationChannel;
  /** An email address or an E.164 phone number. */
  recipient: string;
  subject: string;
  text: string;
  html?: string;
}

/** What a notifier reports once the transport has accepted a message. */
export interface Delivery {
  /** The id of the message it accepted. */
  messageId: string;
  /** Where it went: `file`, `smtp`, or the name a fake gives itself. */
  transport: string;
}

/** Delivers messages. Resolves once the transport accepted the message, rejects otherwise. */
export interface Notifier {
  send(message: OutgoingMessage): Promise<Delivery>;
  /** Releases connections; pending sends finish first. */
  close(): Promise<void>;
}

/** The injection token services bind their notifier to. */
export const NOTIFIER = Symbol('Notifier');
