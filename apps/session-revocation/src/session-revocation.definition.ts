import { serviceEnvironment, type ServiceDefinition } from '@rekey/service-runtime';
import { SessionRevocationModule } from './session-revocation.module';

export const sessionRevocationEnvironment = serviceEnvironment();

export const sessionRevocationService: ServiceDefinition = {
  name: 'session-revocation',
  description: 'Revokes legacy sessions and retires the legacy login once enrolment completes.',
  version: '0.1.0',
  environment: sessionRevocationEnvironment,
  module: SessionRevocationModule,
  entities: [],
  migrations: [],
};
