export { RecordingNotifier } from './recording-notifier.fake';
export { notifierContract, type DeliveredMessage, type NotifierUnderTest } from './notifier.contract';
export {
  messageIdOf,
  startLoopbackSmtpServer,
  type LoopbackSmtpOptions,
  type LoopbackSmtpServer,
  type ReceivedMail,
} from './loopback-smtp-server';
export { readOutboxFolder } from './read-outbox-folder';
