export {
  NOTIFIER,
  type Delivery,
  type NotificationChannel,
  type Notifier,
  type OutgoingMessage,
} from './notifier.port';
export { deliveryFailureFields } from './delivery-failure';
export { assertSafeMessageId, InvalidMessageId, newMessageId, UnsupportedChannel } from './message-id';
export { EmailFileNotifier } from './adapters/email-file-notifier.adapter';
export { SmsFileNotifier } from './adapters/sms-file-notifier.adapter';
export { SmtpEmailNotifier } from './adapters/smtp-email-notifier.adapter';
export { ChannelRouter } from './adapters/channel-router.adapter';
export {
  notificationsEnvironment,
  notifierFromConfig,
  type NotificationsConfig,
  type NotifierOptions,
} from './notifications.environment';
