import { randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  recipients: string[];
  raw: string;
  mail: ParsedMail;
}

export interface LoopbackSmtpServer {
  url: string;
  received: ReceivedMail[];
  stop(): Promise<void>;
}

export interface LoopbackSmtpOptions {
  /**
   * How long the server waits, once it has a message, before it answers `250`: a fixed number of
   * milliseconds, or `[min, max]` for a delay drawn anew for each message. The message is kept as
   * soon as its data ends, before the answer, as a relay that has the bytes may deliver them even
   * if its client dies waiting: so a sender killed in that window has sent a message it never
   * heard was accepted.
   */
  replyDelayMs?: number | readonly [min: number, max: number];
}

/** A real SMTP server on 127.0.0.1 (a free port, no TLS, no auth) that keeps what it receives. */
export async function startLoopbackSmtpServer(
  options: LoopbackSmtpOptions = {},
): Promise<LoopbackSmtpServer> {
  const received: ReceivedMail[] = [];
  const replyDelay = delayOf(options.replyDelayMs);
  const pendingReplies = new Set<NodeJS.Timeout>();
  const waitToReply = (): Promise<void> => {
    const delay = replyDelay();
    if (delay === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        pendingReplies.delete(timer);
        resolve();
      }, delay);
      pendingReplies.add(timer);
    });
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        // The delay runs from the end of the data, while the message is parsed.
        const replyDue = waitToReply();
        simpleParser(raw).then(
          async (mail) => {
            received.push({ recipients, raw, mail });
            await replyDue;
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  // A client killed in the middle of a message resets its connection; the server serves the others.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    stop: () => {
      for (const timer of pendingReplies) clearTimeout(timer);
      pendingReplies.clear();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function delayOf(option: LoopbackSmtpOptions['replyDelayMs']): () => number {
  if (option === undefined) return () => 0;
  const [min, max] = typeof option === 'number' ? [option, option] : option;
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 0 && max >= min)) {
    throw new Error('replyDelayMs: whole milliseconds, 0 ≤ min ≤ max');
  }
  return () => (max === min ? min : randomInt(min, max + 1));
}

/** The message id a notifier put in a Message-ID header (`<id@domain>`). */
export function messageIdOf(mail: ParsedMail): string | undefined {
  return /^<([^@>]+)@/.exec(mail.messageId ?? '')?.[1];
}
