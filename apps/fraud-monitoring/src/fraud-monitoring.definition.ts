import { serviceEnvironment, type ServiceDefinition } from '@rekey/service-runtime';
import { FraudMonitoringModule } from './fraud-monitoring.module';

export const fraudMonitoringEnvironment = serviceEnvironment();

export const fraudMonitoringService: ServiceDefinition = {
  name: 'fraud-monitoring',
  description: 'Watches the journey for velocity, enumeration and abandonment; places and releases holds.',
  version: '0.1.0',
  environment: fraudMonitoringEnvironment,
  module: FraudMonitoringModule,
  entities: [],
  migrations: [],
};
