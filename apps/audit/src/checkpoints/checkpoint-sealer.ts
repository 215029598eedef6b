import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BackgroundLoop } from '@rekey/background';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { AuditConfig } from '../audit.environment';
import { SealCheckpoint } from './seal-checkpoint';
import { CHECKPOINT_SIGNING_KEY, type CheckpointSigningKey } from './signing-key';

/**
 * Seals checkpoints in the background, in every replica (the sealing lock lets one at a time
 * through). Ticks every second or every AUDIT_CHECKPOINT_EVERY_SECONDS, whichever is shorter, so
 * the record count is looked at often and the time limit is kept to about a second.
 */
@Injectable()
export class CheckpointSealer implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly seal: SealCheckpoint;
  private readonly loop: BackgroundLoop;

  constructor(
    dataSource: DataSource,
    @Inject(CHECKPOINT_SIGNING_KEY) key: CheckpointSigningKey,
    @Inject(SERVICE_CONFIG) config: AuditConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    this.seal = new SealCheckpoint(dataSource, key, {
      everyRecords: config.AUDIT_CHECKPOINT_EVERY_RECORDS,
      everySeconds: config.AUDIT_CHECKPOINT_EVERY_SECONDS,
    });
    this.loop = new BackgroundLoop({
      name: 'audit checkpoint seal',
      intervalMs: Math.min(1_000, config.AUDIT_CHECKPOINT_EVERY_SECONDS * 1_000),
      log: { warn: (message, fields) => logger.warn(fields, message) },
      tick: async () => ((await this.seal.execute()) ? 'worked' : 'idle'),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
