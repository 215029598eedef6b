import { Module } from '@nestjs/common';
import { OutboxEnrolmentEvents } from './adapters/outbox-enrolment-events.adapter';
import { ENROLMENT_EVENTS } from './enrolment-events.port';

@Module({
  providers: [{ provide: ENROLMENT_EVENTS, useClass: OutboxEnrolmentEvents }],
  exports: [ENROLMENT_EVENTS],
})
export class EnrolmentsModule {}
