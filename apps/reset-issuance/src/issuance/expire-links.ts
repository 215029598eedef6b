import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { createEvent, ResetTokenExpiredV1 } from '@rekey/contracts';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { ISSUANCE_STORE, type IssuanceStore } from './issuance-store.port';
import type { IssuanceSettings } from './issuance-settings';

/** Live links past their lifetime become expired, one batch per call. */
@Injectable()
export class ExpireLinks {
  constructor(
    @Inject(ISSUANCE_STORE) private readonly store: IssuanceStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly settings: IssuanceSettings,
  ) {}

  execute(): Promise<number> {
    const now = this.clock.now();
    return this.store.expireDue(now, this.settings.ISSUANCE_BATCH_SIZE, (expired) =>
      expired.map((token) =>
        createEvent(
          ResetTokenExpiredV1,
          {
            legacyAccountId: token.legacyAccountId,
            waveId: token.waveId,
            journeyId: token.journeyId,
            issuanceId: token.issuanceId,
            expiredAt: token.expiresAt.toISOString(),
            // A new link goes out only when the customer asks for one ("send me a new link").
            willBeReissued: false,
          },
          { source: 'reset-issuance', subject: token.legacyAccountId, journeyId: token.journeyId },
          () => now,
        ),
      ),
    );
  }
}
