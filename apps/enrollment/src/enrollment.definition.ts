import { serviceEnvironment, type ServiceDefinition } from '@rekey/service-runtime';
import { EnrollmentModule } from './enrollment.module';

export const enrollmentEnvironment = serviceEnvironment();

export const enrollmentService: ServiceDefinition = {
  name: 'enrollment',
  description: 'Re-enrols migrated customers onto passkeys, TOTP or a new password.',
  version: '0.1.0',
  environment: enrollmentEnvironment,
  module: EnrollmentModule,
  entities: [],
  migrations: [],
};
