import { Injectable } from '@nestjs/common';
import type { RekeyEvent } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import { DataSource } from 'typeorm';
import type { Enrolment } from '../../enrolments/domain/enrolment';
import { finishEnrolmentIn } from '../../enrolments/adapters/finish-enrolment.sql';
import { isTotpConfirmedIn } from '../../totp/adapters/totp-factor-rows.sql';
import type { PasswordRoute } from '../domain/password-route';
import type {
  PasswordCredential,
  PasswordEnrolmentStore,
  PasswordFinish,
} from '../password-enrolment-store.port';

// Rolls the transaction back without an error reaching the caller.
class Abandon extends Error {
  constructor(readonly outcome: PasswordFinish) {
    super(outcome.kind);
  }
}

@Injectable()
export class PgPasswordEnrolmentStore implements PasswordEnrolmentStore {
  constructor(private readonly dataSource: DataSource) {}

  async finish(
    enrolment: Enrolment,
    credential: PasswordCredential,
    route: PasswordRoute,
    events: RekeyEvent[],
  ): Promise<PasswordFinish> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        if (
          route.withTotp &&
          !(await isTotpConfirmedIn(manager, enrolment.legacyAccountId, enrolment.journeyId))
        ) {
          throw new Abandon({ kind: 'totp_not_confirmed' });
        }
        // First, so that a form sent twice changes nothing the second time.
        const finished = await finishEnrolmentIn(manager, enrolment, {
          methods: route.methods,
          assurance: route.assurance,
          at: credential.at,
        });
        if (!finished) throw new Abandon({ kind: 'already_finished' });
        await manager.query(
          `INSERT INTO password_credential (legacy_account_id, password_hash, bridge_ends_at, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $4)
           ON CONFLICT (legacy_account_id) DO UPDATE SET
             password_hash = EXCLUDED.password_hash, bridge_ends_at = EXCLUDED.bridge_ends_at,
             updated_at = EXCLUDED.updated_at`,
          [enrolment.legacyAccountId, credential.passwordHash, credential.bridgeEndsAt, credential.at],
        );
        await appendToOutbox(manager, events);
        return { kind: 'finished' } as const;
      });
    } catch (error) {
      if (error instanceof Abandon) return error.outcome;
      throw error;
    }
  }
}
