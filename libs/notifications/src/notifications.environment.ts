import path from 'node:path';
import { z } from 'zod';
import { ChannelRouter } from './adapters/channel-router.adapter';
import { EmailFileNotifier } from './adapters/email-file-notifier.adapter';
import { SmsFileNotifier } from './adapters/sms-file-notifier.adapter';
import { SmtpEmailNotifier } from './adapters/smtp-email-notifier.adapter';
import type { Notifier } from './notifier.port';

/** The variables of notifications, spread into a service's environment. */
export const notificationsEnvironment = {
  /** How email leaves: `file` (`.eml` under NOTIFY_FILE_DIR) or `smtp` (through SMTP_URL). */
  NOTIFY_TRANSPORT: z.enum(['file', 'smtp']).default('file'),
  /** Where the file adapters write; SMS always go there until a provider is wired. */
  NOTIFY_FILE_DIR: z.string().min(1).default('tmp/outbox-mail'),
  SMTP_URL: z.url().optional(),
  NOTIFY_FROM: z.string().min(3).default('Rekey <no-reply@rekey.localhost>'),
};

export type NotificationsConfig = z.infer<z.ZodObject<typeof notificationsEnvironment>>;

export interface NotifierOptions {
  /** The SMTP pool's size (1-10); a service sizes it to how many messages it sends at once. */
  smtpConnections?: number;
}

/** Email by NOTIFY_TRANSPORT, SMS to files. Throws on SMTP without SMTP_URL, naming the variable. */
export function notifierFromConfig(config: NotificationsConfig, options: NotifierOptions = {}): Notifier {
  const directory = path.resolve(config.NOTIFY_FILE_DIR);
  const sms = new SmsFileNotifier(directory);
  if (config.NOTIFY_TRANSPORT === 'file') {
    return new ChannelRouter(new EmailFileNotifier(directory, config.NOTIFY_FROM), sms);
  }
  if (!config.SMTP_URL) throw new Error('SMTP_URL: must be set when NOTIFY_TRANSPORT is smtp');
  const connections = Math.max(1, Math.min(10, options.smtpConnections ?? 5));
  return new ChannelRouter(new SmtpEmailNotifier(config.SMTP_URL, config.NOTIFY_FROM, connections), sms);
}
