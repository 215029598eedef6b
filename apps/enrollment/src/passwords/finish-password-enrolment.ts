import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { createEvent, EnrollmentCompletedV1 } from '@rekey/contracts';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type { Enrolment } from '../enrolments/domain/enrolment';
import { enrolmentFailed, eventContextOf, journeyOf } from '../enrolments/domain/enrolment-events';
import { ENROLMENT_EVENTS, type EnrolmentEvents } from '../enrolments/enrolment-events.port';
import { HOLD_STORE, type HoldStore } from '../holds/hold-store.port';
import type { TotpConfig } from '../totp/totp.environment';
import { ChoosePasswordRoute } from './choose-password-route';
import { enrolmentContextWords } from './domain/enrolment-context-words';
import { checkPassword } from './domain/password-policy';
import type { PasswordRuleCode } from './domain/password-rule-words';
import type { PasswordRoute } from './domain/password-route';
import { PASSWORD_BLOCKLIST, type PasswordBlocklist } from './password-blocklist.port';
import { PASSWORD_ENROLMENT_STORE, type PasswordEnrolmentStore } from './password-enrolment-store.port';
import { PASSWORD_HASHER, type PasswordHasher } from './password-hasher.port';

export type PasswordOutcome =
  | { kind: 'finished' }
  /** A password alone where the wave requires more: nothing changed. */
  | { kind: 'below_minimum' }
  | { kind: 'refused'; rule: PasswordRuleCode; route: PasswordRoute }
  | { kind: 'held' }
  /** The app confirmed for this route was replaced meanwhile: the customer chooses again. */
  | { kind: 'totp_not_confirmed' };

/**
 * Checks a new password against the NIST rules of its route, hashes it with argon2id, and
 * finishes the enrolment with it and its completion event in one transaction. The route comes
 * from the enrolment, so a form posted directly cannot finish below the wave's minimum.
 */
@Injectable()
export class FinishPasswordEnrolment {
  constructor(
    private readonly routes: ChoosePasswordRoute,
    @Inject(PASSWORD_BLOCKLIST) private readonly blocklist: PasswordBlocklist,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(PASSWORD_ENROLMENT_STORE) private readonly store: PasswordEnrolmentStore,
    @Inject(HOLD_STORE) private readonly holds: HoldStore,
    @Inject(ENROLMENT_EVENTS) private readonly events: EnrolmentEvents,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: TotpConfig,
  ) {}

  async execute(enrolment: Enrolment, candidate: unknown): Promise<PasswordOutcome> {
    const route = await this.routes.execute(enrolment);
    if (!route) return { kind: 'below_minimum' };
    const now = this.clock.now();
    const check = checkPassword(typeof candidate === 'string' ? candidate : '', {
      secondFactor: route.withTotp,
      // The seam for the customer's names and emails: see enrolmentContextWords.
      contextWords: enrolmentContextWords(
        { targetAccountId: enrolment.targetAccountId },
        this.config.TOTP_ISSUER,
      ),
      blocklist: this.blocklist,
    });
    if (!check.accepted) {
      await this.events.record([enrolmentFailed(enrolment, 'password_rejected', now, 'password')]);
      return { kind: 'refused', rule: check.refusal.rule, route };
    }
    if (await this.holds.isHeld(enrolment.legacyAccountId)) {
      await this.events.record([enrolmentFailed(enrolment, 'held', now, 'password')]);
      return { kind: 'held' };
    }
    const passwordHash = await this.hasher.hash(check.password);
    const completed = createEvent(
      EnrollmentCompletedV1,
      {
        ...journeyOf(enrolment),
        methods: route.methods,
        assuranceLevel: route.assurance.level,
        phishingResistant: route.assurance.phishingResistant,
      },
      eventContextOf(enrolment),
      () => now,
    );
    const finish = await this.store.finish(
      enrolment,
      { passwordHash, bridgeEndsAt: enrolment.passwordBridgeEndsAt, at: now },
      route,
      [completed],
    );
    // Finished already (the form sent twice): the customer goes on as if this one had finished it.
    return finish.kind === 'totp_not_confirmed' ? finish : { kind: 'finished' };
  }
}
