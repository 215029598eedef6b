import type { ContactKind } from '@rekey/contracts';

export const NOTIFIER = Symbol('Notifier');

/** One message to one verified contact. SMS carry text only. */
export interface OutgoingMessage {
  channel: { kind: ContactKind; value: string };
  subject: string;
  text: string;
  html?: string;
}

/** Sends notices, links and (later) step-up codes. Resolves once the transport accepted the message. */
export interface Notifier {
  send(message: OutgoingMessage): Promise<void>;
  close(): Promise<void>;
}
