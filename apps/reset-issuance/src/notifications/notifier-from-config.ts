import path from 'node:path';
import type { ResetIssuanceConfig } from '../reset-issuance.definition';
import { ChannelRouter } from './adapters/channel-router.adapter';
import { FileNotifier } from './adapters/file-notifier.adapter';
import { SmtpNotifier } from './adapters/smtp-notifier.adapter';
import type { Notifier } from './notifier.port';

export type NotifierSettings = Pick<
  ResetIssuanceConfig,
  'NOTIFY_TRANSPORT' | 'NOTIFY_FILE_DIR' | 'SMTP_URL' | 'NOTIFY_FROM' | 'SEND_CONCURRENCY'
>;

/** NOTIFY_TRANSPORT picks the email transport; SMS always go to files until a provider is wired. */
export function notifierFromConfig(settings: NotifierSettings): Notifier {
  const files = new FileNotifier(path.resolve(settings.NOTIFY_FILE_DIR), settings.NOTIFY_FROM);
  if (settings.NOTIFY_TRANSPORT === 'file') return files;
  if (!settings.SMTP_URL) throw new Error('SMTP_URL: must be set when NOTIFY_TRANSPORT is smtp');
  const connections = Math.max(1, Math.min(10, settings.SEND_CONCURRENCY));
  return new ChannelRouter(new SmtpNotifier(settings.SMTP_URL, settings.NOTIFY_FROM, connections), files);
}
