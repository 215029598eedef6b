import { AuditCheckpointSealedV1 } from './checkpoint-sealed.v1';

export * from './checkpoint-sealed.v1';

export const auditEvents = [AuditCheckpointSealedV1] as const;
