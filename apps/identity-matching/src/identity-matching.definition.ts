import { serviceEnvironment, type ServiceDefinition } from '@rekey/service-runtime';
import { Directories1767398400000 } from './migrations/1767398400000-directories';
import { IdentityMatchingModule } from './identity-matching.module';

export const identityMatchingEnvironment = serviceEnvironment();

export const identityMatchingService: ServiceDefinition = {
  name: 'identity-matching',
  description:
    'Links legacy accounts to target accounts with evidence, segments them and keeps the review queue.',
  version: '0.1.0',
  environment: identityMatchingEnvironment,
  module: IdentityMatchingModule,
  entities: [],
  migrations: [Directories1767398400000],
};
