import { Module } from '@nestjs/common';

/** Watches the journey for velocity, enumeration and abandonment; places and releases holds. */
@Module({})
export class FraudMonitoringModule {}
