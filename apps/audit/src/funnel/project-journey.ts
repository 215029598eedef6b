import type { RekeyEvent } from '@rekey/contracts';
import type { EntityManager } from 'typeorm';
import { saveLink, saveStep, saveWave } from './adapters/journey-projection.sql';
import { journeyFactsOf } from './domain/journey-facts';

/**
 * Projects one recorded event onto the migration funnel, in the recording's inbox transaction: the
 * funnel counts an event exactly when the log holds it. Events arrive out of order across topics
 * (a link after a wave's events); every write converges, so the order does not matter.
 */
export async function projectJourney(event: RekeyEvent, manager: EntityManager): Promise<void> {
  for (const fact of journeyFactsOf(event)) {
    if (fact.kind === 'link') await saveLink(manager, fact);
    else if (fact.kind === 'wave') await saveWave(manager, fact);
    else await saveStep(manager, fact);
  }
}
