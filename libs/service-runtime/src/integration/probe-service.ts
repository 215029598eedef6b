import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  causedBy,
  createEvent,
  IdentityImportCompletedV1,
  IdentityLinkedV2,
  type EventOf,
} from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ConsumerGroup } from '../messaging/consumer-group.decorator';
import { InboxContext } from '../messaging/inbox-context';
import { serviceEnvironment } from '../config/service-environment';
import type { ServiceDefinition } from '../bootstrap/service-definition';

/** One row per effect a probe handler commits. */
class ProbeEffect1767225600100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE probe_effect (
        event_id uuid NOT NULL,
        legacy_account_id text NOT NULL,
        consumer text NOT NULL
      )`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE probe_effect');
  }
}

/** What the test steers and observes in the handler: its attempts and a gate for slow events. */
export const probe = {
  attempts: new Map<string, number>(),
  log: [] as string[],
  entered: undefined as (() => void) | undefined,
  release: Promise.resolve(),
};

/** A link for `legacyAccountId`; `FAIL-…` ids make the handler throw, `SLOW-…` ids wait for the gate. */
export function linked(legacyAccountId: string): EventOf<typeof IdentityLinkedV2> {
  return createEvent(
    IdentityLinkedV2,
    {
      legacyAccountId,
      targetAccountId: `T-${legacyAccountId}`,
      targetAccountCreated: false,
      method: 'deterministic',
      segment: 'standard',
      segments: ['standard'],
      band: 'high',
      probability: 1,
      evidence: [],
      blockingRules: ['email'],
      maskedContacts: [],
    },
    { source: 'identity-matching', subject: legacyAccountId },
  );
}

export function importCompleted(): EventOf<typeof IdentityImportCompletedV1> {
  const importId = randomUUID();
  return createEvent(
    IdentityImportCompletedV1,
    {
      importId,
      directory: 'legacy',
      fileName: 'legacy.csv',
      format: 'csv',
      counts: { read: 1, inserted: 1, updated: 0, unchanged: 0, rejected: 0 },
      importedBy: { subject: 'operator-1', role: 'operator' },
    },
    { source: 'identity-matching', subject: importId },
  );
}

@ConsumerGroup('probe')
class ProbeConsumer {
  @EventPattern<string>(IdentityLinkedV2.type)
  async linked(
    @Payload() event: EventOf<typeof IdentityLinkedV2>,
    @Ctx() context: InboxContext,
  ): Promise<void> {
    probe.attempts.set(event.id, (probe.attempts.get(event.id) ?? 0) + 1);
    const manager = context.getManager();
    const { legacyAccountId } = event.data;
    await manager.query(
      'INSERT INTO probe_effect (event_id, legacy_account_id, consumer) VALUES ($1, $2, $3)',
      [event.id, legacyAccountId, context.getConsumer()],
    );
    if (legacyAccountId.startsWith('FAIL-')) throw new Error(`probe refused ${legacyAccountId}`);
    if (legacyAccountId.startsWith('SLOW-')) {
      probe.entered?.();
      await probe.release;
      // Committed while consumers drain: the relay must still publish it before the service stops.
      await appendToOutbox(manager, [
        createEvent(IdentityImportCompletedV1, importCompleted().data, causedBy(event, 'transport-probe')),
      ]);
      probe.log.push('handled');
    }
  }
}

@Module({ controllers: [ProbeConsumer] })
class ProbeModule {}

export const probeService: ServiceDefinition = {
  name: 'transport-probe',
  description: 'A service with one consumer group, to exercise the event transport.',
  version: '0.0.0',
  environment: serviceEnvironment(),
  module: ProbeModule,
  entities: [],
  migrations: [ProbeEffect1767225600100],
};
