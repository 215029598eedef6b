import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Journey } from '../domain/journey';
import type { JourneyChange, JourneyStore } from '../journey-store.port';
import { changeJourneyIn, selectJourney } from './journey-rows.sql';

@Injectable()
export class PgJourneyStore implements JourneyStore {
  constructor(private readonly dataSource: DataSource) {}

  async update(journeyId: string, change: (journey: Journey) => JourneyChange): Promise<Journey> {
    const { journey } = await this.dataSource.transaction((manager) =>
      changeJourneyIn(manager, journeyId, change),
    );
    return journey;
  }

  async updateIn(
    manager: EntityManager,
    journeyId: string,
    change: (journey: Journey) => JourneyChange,
  ): Promise<Journey> {
    const { journey } = await changeJourneyIn(manager, journeyId, change);
    return journey;
  }

  find(journeyId: string): Promise<Journey | undefined> {
    return selectJourney(this.dataSource.manager, journeyId, 'no lock');
  }
}
