import type { ServiceDefinition } from '@rekey/service-runtime';
import { AuditModule } from './audit.module';
import { auditEnvironment } from './audit.environment';
import { AuditEvents1767312000000 } from './migrations/1767312000000-audit-events';
import { FunnelJourneys1767398400000 } from './migrations/1767398400000-funnel-journeys';
import { AuditChain1769000000000 } from './migrations/1769000000000-audit-chain';

export { auditEnvironment };

export const auditService: ServiceDefinition = {
  name: 'audit',
  description: 'Records every event of every service in an append-only, tamper-evident log.',
  version: '0.2.0',
  environment: auditEnvironment,
  module: AuditModule,
  entities: [],
  migrations: [AuditEvents1767312000000, FunnelJourneys1767398400000, AuditChain1769000000000],
};
