import type { IncomingMessage } from 'node:http';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { isSameOriginRequest } from '@rekey/customer-web';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { CrossOriginRequest } from '../sessions/domain/enrolment-session.errors';
import type { EnrollmentWebConfig } from './enrollment-web.environment';

/** The grant exchange has no session yet: it must at least come from ENROLLMENT_BASE_URL's origin. */
@Injectable()
export class SameOriginGuard implements CanActivate {
  private readonly origin: string;

  constructor(@Inject(SERVICE_CONFIG) config: EnrollmentWebConfig) {
    this.origin = new URL(config.ENROLLMENT_BASE_URL).origin;
  }

  canActivate(context: ExecutionContext): boolean {
    if (isSameOriginRequest(context.switchToHttp().getRequest<IncomingMessage>().headers, this.origin)) {
      return true;
    }
    throw new CrossOriginRequest();
  }
}
