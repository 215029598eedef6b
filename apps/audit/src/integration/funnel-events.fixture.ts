import {
  createEvent,
  EnrollmentCompletedV1,
  IdentityLinkedV2,
  MigrationAccountMigratedV1,
  ResetNoticeSentV1,
  ResetStepUpPassedV1,
  ResetStepUpRequiredV1,
  ResetTokenIssuedV1,
  ResetTokenRedeemedV1,
  ResetWaveLaunchedV1,
  ResetWavePlannedV1,
  SessionLegacySessionsRevokedV1,
  type RekeyEvent,
  type Segment,
} from '@rekey/contracts';
import { randomUUID } from 'node:crypto';

const operator = { subject: 'ops.lead@example.com', role: 'operator' as const };
const email = { kind: 'email' as const, masked: 'j******e@e******.com' };

/** How far one account gets in the wave. */
export type Reach = 'notified' | 'issued' | 'redeemed' | 'step_up_required' | 'enrolled' | 'migrated';

export interface ScriptedAccount {
  legacyAccountId: string;
  segment: Segment;
  reach: Reach;
  /** The account needs step-up after redemption; it passes it when it gets to enrol. */
  stepUp?: boolean;
  /** Seconds from the link being issued to the legacy login retired. */
  issueToMigratedSeconds?: number;
}

const order: Reach[] = ['notified', 'issued', 'redeemed', 'step_up_required', 'enrolled', 'migrated'];
const reaches = (account: ScriptedAccount, step: Reach) =>
  order.indexOf(account.reach) >= order.indexOf(step);

/** The events of one wave as the services would publish them, each at its own time. */
export function waveEvents(
  waveId: string,
  accounts: ScriptedAccount[],
  start = new Date('2026-11-20T10:00:00.000Z'),
): { wave: RekeyEvent[]; links: Map<string, RekeyEvent>; journeys: RekeyEvent[] } {
  const at = (seconds: number) => () => new Date(start.getTime() + seconds * 1000);
  const schedule = {
    noticeAt: start.toISOString(),
    startsAt: start.toISOString(),
    cutoffAt: '2099-12-20T10:00:00.000Z',
    pacePerSecond: 50,
    linkLifetimeMinutes: 30,
  };
  const wavePlan = {
    waveId,
    campaignId: randomUUID(),
    name: 'Funnel wave',
    cohort: { segments: [], bands: [] },
    ...schedule,
  };
  const waveContext = { source: 'reset-issuance', subject: waveId };
  const wave = [
    createEvent(
      ResetWavePlannedV1,
      { ...wavePlan, name: 'Funnel wave (draft)', plannedBy: operator },
      waveContext,
      at(-20),
    ),
    createEvent(
      ResetWaveLaunchedV1,
      { ...wavePlan, accountCount: accounts.length, launchedBy: operator },
      waveContext,
      at(-10),
    ),
  ];
  const links = new Map<string, RekeyEvent>();
  const journeys: RekeyEvent[] = [];
  for (const account of accounts) {
    const { legacyAccountId, segment } = account;
    const targetAccountId = `T-${legacyAccountId}`;
    const journeyId = randomUUID();
    const ids = { legacyAccountId, waveId, journeyId };
    const context = { source: 'reset-issuance', subject: legacyAccountId, journeyId };
    links.set(
      legacyAccountId,
      createEvent(
        IdentityLinkedV2,
        {
          legacyAccountId,
          targetAccountId,
          targetAccountCreated: false,
          segment,
          segments: [segment],
          band: 'high',
          method: 'deterministic',
          probability: 1,
          evidence: [],
          blockingRules: ['email'],
          maskedContacts: [email],
        },
        { source: 'identity-matching', subject: legacyAccountId },
        at(-100),
      ),
    );
    const issuanceId = randomUUID();
    const migratedAfter = account.issueToMigratedSeconds ?? 120;
    const steps: Array<[Reach, () => RekeyEvent]> = [
      [
        'notified',
        () =>
          createEvent(
            ResetNoticeSentV1,
            { ...ids, noticeId: randomUUID(), kind: 'advance_notice', channel: email },
            context,
            at(-5),
          ),
      ],
      [
        'issued',
        () =>
          createEvent(
            ResetTokenIssuedV1,
            { ...ids, issuanceId, expiresAt: at(1800)().toISOString(), channel: email, trigger: 'wave' },
            context,
            at(0),
          ),
      ],
      [
        'redeemed',
        () =>
          createEvent(
            ResetTokenRedeemedV1,
            {
              ...ids,
              issuanceId,
              client: { ipAddress: '203.0.113.24' },
              next: account.stepUp ? 'step_up' : 'enrollment',
            },
            context,
            at(10),
          ),
      ],
    ];
    if (account.stepUp) {
      steps.push([
        'step_up_required',
        () =>
          createEvent(
            ResetStepUpRequiredV1,
            { ...ids, reasons: ['privileged'], method: 'one_time_passcode' },
            context,
            at(11),
          ),
      ]);
      steps.push([
        'enrolled',
        () => createEvent(ResetStepUpPassedV1, { ...ids, method: 'one_time_passcode' }, context, at(20)),
      ]);
    }
    steps.push(
      [
        'enrolled',
        () =>
          createEvent(
            EnrollmentCompletedV1,
            { ...ids, targetAccountId, methods: ['passkey'], assuranceLevel: 'aal2' },
            { ...context, source: 'enrollment' },
            at(30),
          ),
      ],
      [
        'migrated',
        () =>
          createEvent(
            SessionLegacySessionsRevokedV1,
            {
              legacyAccountId,
              journeyId,
              revokedCount: 2,
              revokedAt: at(migratedAfter)().toISOString(),
              legacyLoginRetired: true,
            },
            { ...context, source: 'session-revocation' },
            at(migratedAfter),
          ),
      ],
      [
        'migrated',
        () =>
          createEvent(
            MigrationAccountMigratedV1,
            {
              legacyAccountId,
              targetAccountId,
              migratedAt: at(migratedAfter + 1)().toISOString(),
              assuranceLevel: 'aal2',
              journeyId,
              waveId,
              methods: ['passkey'],
              enrolledAt: at(migratedAfter - 1)().toISOString(),
              legacySessionsRevokedAt: at(migratedAfter)().toISOString(),
            },
            { ...context, source: 'session-revocation' },
            at(migratedAfter + 1),
          ),
      ],
    );
    journeys.push(...steps.filter(([step]) => reaches(account, step)).map(([, make]) => make()));
  }
  return { wave, links, journeys };
}

/** A fixed shuffle (mulberry32), so a failure replays in the same order. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}
