import type Mail from 'nodemailer/lib/mailer';
import type { OutgoingMessage } from '../notifier.port';

/** The domain of Message-IDs for a sender address, computed once per adapter. */
export function senderDomain(from: string): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? 'rekey.localhost';
}

/** The nodemailer options for one email: plain text and HTML alternatives, never an attachment. */
export function mailOptions(from: string, domain: string, message: OutgoingMessage): Mail.Options {
  return {
    from,
    to: message.recipient,
    subject: message.subject,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    // Set here rather than left to nodemailer, whose own Message-ID and Date generation costs
    // about as much as composing the rest of the message.
    messageId: `<${message.id}@${domain}>`,
    date: new Date(),
    // Customers are told we never send attachments; this keeps that promise at the last step.
    attachments: [],
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
