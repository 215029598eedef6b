import { Injectable } from '@nestjs/common';
import type { RekeyEvent } from '@rekey/contracts';
import { appendToOutbox } from '@rekey/messaging';
import { DataSource } from 'typeorm';
import type { EnrolmentEvents } from '../enrolment-events.port';

@Injectable()
export class OutboxEnrolmentEvents implements EnrolmentEvents {
  constructor(private readonly dataSource: DataSource) {}

  async record(events: RekeyEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.dataSource.transaction((manager) => appendToOutbox(manager, events));
  }
}
