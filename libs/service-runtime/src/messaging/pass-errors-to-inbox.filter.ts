import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's default RPC filter turns any error into `{ status: 'error', message: 'Internal server
 * error' }` and logs it. The inbox needs the error itself: whether it is retryable and its code
 * decide between a retry and a dead letter, and it logs every failed attempt already.
 */
@Catch()
export class PassErrorsToInbox implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
