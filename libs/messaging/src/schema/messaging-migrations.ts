import { MessagingParking1768100000000 } from './messaging-parking.migration';
import { MessagingRetention1768000000000 } from './messaging-retention.migration';
import { MessagingTables1767225600000 } from './messaging-tables.migration';

/** The messaging tables' migrations, in order: every service lists them before its own. */
export const messagingMigrations = [
  MessagingTables1767225600000,
  MessagingRetention1768000000000,
  MessagingParking1768100000000,
];
