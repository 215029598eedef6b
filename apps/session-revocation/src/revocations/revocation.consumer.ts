import { Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EnrollmentCompletedV1, IdentityLinkedV2, Topics, type EventOf } from '@rekey/contracts';
import { injectCurrentTraceContext } from '@rekey/messaging';
import { CLOCK, ConsumerGroup, InboxContext, type Clock } from '@rekey/service-runtime';
import { REVOCATION_STORE, type RevocationStore } from './revocation-store.port';

/**
 * Reads completed enrolments and verified links. A completion becomes durable revocation work in
 * the inbox transaction: pending when its link (same legacy and target account) is verified,
 * else awaiting the link, which starts it when it arrives. Nothing else ever creates revocation
 * work: an account that did not complete enrolment is never revoked.
 */
@ConsumerGroup('revocation', { topics: [Topics.enrollment, Topics.identity] })
export class RevocationConsumer {
  constructor(
    @Inject(REVOCATION_STORE) private readonly store: RevocationStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @EventPattern<string>(EnrollmentCompletedV1.type)
  async completed(
    @Payload() event: EventOf<typeof EnrollmentCompletedV1>,
    @Ctx() context: InboxContext,
  ): Promise<void> {
    const { legacyAccountId, targetAccountId, waveId, journeyId, methods, assuranceLevel } = event.data;
    const { traceparent, tracestate } = injectCurrentTraceContext({});
    await this.store.recordCompletion(
      context.getManager(),
      {
        journeyId,
        legacyAccountId,
        targetAccountId,
        waveId,
        methods,
        assuranceLevel,
        enrolledAt: new Date(event.time),
      },
      {
        eventId: event.id,
        correlationId: event.correlationId,
        ...(traceparent ? { traceparent } : {}),
        ...(tracestate ? { tracestate } : {}),
      },
      this.clock.now(),
    );
  }

  @EventPattern<string>(IdentityLinkedV2.type)
  async linked(
    @Payload() event: EventOf<typeof IdentityLinkedV2>,
    @Ctx() context: InboxContext,
  ): Promise<void> {
    const { legacyAccountId, targetAccountId } = event.data;
    await this.store.recordLink(
      context.getManager(),
      { legacyAccountId, targetAccountId, linkedAt: new Date(event.time) },
      this.clock.now(),
    );
  }
}
