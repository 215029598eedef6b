import { serviceEnvironment, type ServiceDefinition } from '@rekey/service-runtime';
import { identityMatchingMigrations } from './migrations';
import { IdentityMatchingModule } from './identity-matching.module';
import { matchBandsInOrder, matchingEnvironmentShape } from './linking/matching-environment';
import { extraAttributesAreNewColumns, importEnvironmentShape } from './imports/import-environment';

export const identityMatchingEnvironment = serviceEnvironment({
  ...matchingEnvironmentShape,
  ...importEnvironmentShape,
})
  .refine(matchBandsInOrder.check, matchBandsInOrder.options)
  .superRefine(extraAttributesAreNewColumns.check);

export const identityMatchingService: ServiceDefinition = {
  name: 'identity-matching',
  description:
    'Links legacy accounts to target accounts with evidence, segments them and keeps the review queue.',
  version: '0.1.0',
  environment: identityMatchingEnvironment,
  module: IdentityMatchingModule,
  entities: [],
  migrations: identityMatchingMigrations,
};
