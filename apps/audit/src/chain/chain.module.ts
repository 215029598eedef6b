import { Module } from '@nestjs/common';
import { AuditLogReader } from './audit-log-reader';

@Module({ providers: [AuditLogReader], exports: [AuditLogReader] })
export class ChainModule {}
