import { Injectable } from '@nestjs/common';
import { appendToOutbox } from '@rekey/messaging';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { Hold } from '../domain/hold';
import { HoldAlreadyActive } from '../domain/hold.errors';
import type { HoldStore } from '../hold-store.port';
import { AccountHoldEntity } from './account-hold.entity';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class TypeormHoldStore implements HoldStore {
  constructor(private readonly dataSource: DataSource) {}

  async changeLatest(
    legacyAccountId: string,
    change: (latest: Hold | undefined) => { hold: Hold; events: Parameters<typeof appendToOutbox>[1] },
  ): Promise<Hold> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const latest = await this.latest(manager, legacyAccountId);
        const { hold, events } = change(latest ? toHold(latest) : undefined);
        await manager.save(AccountHoldEntity, toEntity(hold));
        await appendToOutbox(manager, events);
        return hold;
      });
    } catch (error) {
      // Two replicas placing a hold on the same account at once: the partial unique index decides.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION)
        throw new HoldAlreadyActive(legacyAccountId);
      throw error;
    }
  }

  async activeHold(legacyAccountId: string): Promise<Hold | undefined> {
    const entity = await this.dataSource.manager.findOne(AccountHoldEntity, {
      where: { legacyAccountId, releasedAt: IsNull() },
    });
    return entity ? toHold(entity) : undefined;
  }

  async isKnownAccount(legacyAccountId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM eligible_account WHERE legacy_account_id = $1`, [
      legacyAccountId,
    ])) as unknown[];
    return rows.length > 0;
  }

  private latest(manager: EntityManager, legacyAccountId: string): Promise<AccountHoldEntity | null> {
    return manager
      .createQueryBuilder(AccountHoldEntity, 'hold')
      .where('hold.legacy_account_id = :legacyAccountId', { legacyAccountId })
      .orderBy('hold.placed_at', 'DESC')
      .setLock('pessimistic_write')
      .getOne();
  }
}

function toHold(entity: AccountHoldEntity): Hold {
  return {
    id: entity.id,
    legacyAccountId: entity.legacyAccountId,
    reason: entity.reason,
    placedBy: { subject: entity.placedBy, role: entity.placedByRole as Hold['placedBy']['role'] },
    placedAt: entity.placedAt,
    ...(entity.releasedAt && entity.releasedBy
      ? {
          releasedAt: entity.releasedAt,
          releasedBy: {
            subject: entity.releasedBy,
            role: entity.releasedByRole as Hold['placedBy']['role'],
          },
          ...(entity.releaseNote ? { releaseNote: entity.releaseNote } : {}),
        }
      : {}),
  };
}

function toEntity(hold: Hold): AccountHoldEntity {
  return Object.assign(new AccountHoldEntity(), {
    id: hold.id,
    legacyAccountId: hold.legacyAccountId,
    reason: hold.reason,
    placedBy: hold.placedBy.subject,
    placedByRole: hold.placedBy.role,
    placedAt: hold.placedAt,
    releasedBy: hold.releasedBy?.subject ?? null,
    releasedByRole: hold.releasedBy?.role ?? null,
    releasedAt: hold.releasedAt ?? null,
    releaseNote: hold.releaseNote ?? null,
  });
}
