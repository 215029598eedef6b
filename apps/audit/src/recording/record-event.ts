import type { RekeyEvent } from '@rekey/contracts';
import type { Delivery } from '@rekey/messaging';
import type { EntityManager } from 'typeorm';
import type { RecordDraft } from '../chain/domain/audit-record';
import { projectJourney } from '../funnel/project-journey';
import { draftOf } from '../chain/domain/record-draft';
import { appendRecords } from './append-records';

// Drafts gathered per inbox transaction (each has its own manager), written once before commit.
const pending = new WeakMap<EntityManager, RecordDraft[]>();

/**
 * Appends one event to the audit log inside the consumer's inbox transaction, so each event is
 * recorded exactly once however often the broker delivers it. Within a batch the records are
 * gathered and appended together just before the transaction commits: one chain lock and one
 * INSERT per batch rather than per event. Without a delivery (a direct call) it appends at once. The funnel projection shares the
 * transaction, so it counts exactly what the log holds.
 */
export async function recordEvent(
  event: RekeyEvent,
  manager: EntityManager,
  delivery?: Delivery,
  clock: () => Date = () => new Date(),
): Promise<void> {
  const draft = draftOf(event, delivery?.headers['traceparent']);
  await projectJourney(event, manager);
  if (!delivery) {
    await appendRecords(manager, [draft], clock());
    return;
  }
  let drafts = pending.get(manager);
  if (!drafts) {
    const batch: RecordDraft[] = [];
    drafts = batch;
    pending.set(manager, batch);
    delivery.beforeCommit('audit.append-records', async () => {
      pending.delete(manager);
      await appendRecords(manager, batch, clock());
    });
  }
  drafts.push(draft);
}
