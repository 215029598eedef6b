import { serviceEnvironment, type ServiceDefinition } from '@rekey/service-runtime';
import { AccountHoldEntity } from './holds/adapters/account-hold.entity';
import { AccountHolds1767312000000 } from './migrations/1767312000000-account-holds';
import { JourneysAndTokens1767398400000 } from './migrations/1767398400000-journeys-and-tokens';
import { ResetIssuanceModule } from './reset-issuance.module';

export const resetIssuanceEnvironment = serviceEnvironment();

export const resetIssuanceService: ServiceDefinition = {
  name: 'reset-issuance',
  description: 'Plans waves, issues and redeems short-lived single-use reset links, runs step-up and holds.',
  version: '0.1.0',
  environment: resetIssuanceEnvironment,
  module: ResetIssuanceModule,
  entities: [AccountHoldEntity],
  migrations: [AccountHolds1767312000000, JourneysAndTokens1767398400000],
};
