import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';

/**
 * What `@Ctx()` gives an `@EventPattern` handler: the inbox transaction the event is recorded in.
 * Effects written through its manager commit with the inbox row, or roll back with it when the
 * handler throws (and the event is then retried, or dead-lettered).
 */
export class InboxContext extends BaseRpcContext<[manager: EntityManager, consumer: string]> {
  /** The TypeORM manager of the inbox transaction. */
  getManager(): EntityManager {
    return this.args[0];
  }

  /** The consumer group's name within the service, e.g. `eligibility`. */
  getConsumer(): string {
    return this.args[1];
  }
}
