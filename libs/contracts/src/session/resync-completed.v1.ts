import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';
import { EventActor } from '../vocabulary/actor';
import { WaveId } from '../vocabulary/ids';

const Count = z.number().int().nonnegative();

export const SessionResyncCompletedV1 = defineEvent(
  'rekey.session.resync-completed.v1',
  'session',
  z.object({
    runId: z.uuid().describe('The re-sync run.'),
    waveId: WaveId,
    requestedBy: EventActor,
    counts: z.object({
      accountsChecked: Count.describe('Done revocations of the wave compared with the legacy system.'),
      accountsWithDrift: Count,
      sessionsRevoked: Count.describe('Legacy sessions revoked again.'),
      loginsRetired: Count.describe('Legacy logins retired again.'),
      failures: Count.describe('Accounts the legacy system could not be asked about or repaired for.'),
    }),
  }),
  {
    description:
      "An operator's re-sync of a wave with the legacy system has compared every migrated account of the wave and repaired the drift it found.",
  },
);
export type SessionResyncCompletedV1 = EventData<typeof SessionResyncCompletedV1>;
