import { Inject, Injectable } from '@nestjs/common';
import type { EventOf, FraudSignalRaisedV1 } from '@rekey/contracts';
import { SERVICE_LOGGER } from '@rekey/service-runtime';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { fraudFlagFromSignal } from './domain/fraud-flag';
import { FRAUD_FLAG_STORE, type FraudFlagStore } from './fraud-flag-store.port';

/** A fraud signal about an account flags it (see `fraudFlagFromSignal` for which signals count). */
@Injectable()
export class RecordFraudFlag {
  constructor(
    @Inject(FRAUD_FLAG_STORE) private readonly flags: FraudFlagStore,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(event: EventOf<typeof FraudSignalRaisedV1>, manager: EntityManager): Promise<void> {
    const flag = fraudFlagFromSignal(event.data, new Date(event.time));
    if (!flag) return;
    // The consumer's journey scope adds trace_id and legacy_account_id to the line.
    if (await this.flags.record(manager, flag))
      this.logger.info(
        { action: 'fraud_flag', reason: flag.reason, severity: flag.severity, signalId: flag.signalId },
        'account flagged for step-up',
      );
  }
}
