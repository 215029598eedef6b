import { BaseRpcContext } from '@nestjs/microservices';
import type { Delivery } from '@rekey/messaging';
import type { EntityManager } from 'typeorm';

/**
 * What `@Ctx()` gives an `@EventPattern` handler: the inbox transaction the event is recorded in.
 * Effects written through its manager commit with the inbox row, or roll back with it when the
 * handler throws (and the event is then retried, or dead-lettered).
 */
export class InboxContext extends BaseRpcContext<
  [manager: EntityManager, consumer: string, delivery?: Delivery]
> {
  /** The TypeORM manager of the inbox transaction. */
  getManager(): EntityManager {
    return this.args[0];
  }

  /** The consumer group's name within the service, e.g. `eligibility`. */
  getConsumer(): string {
    return this.args[1];
  }

  /** The message's headers and the transaction's before-commit tasks (see Delivery). */
  getDelivery(): Delivery {
    const delivery = this.args[2];
    if (!delivery) throw new Error('this inbox context was built without its delivery');
    return delivery;
  }
}
