import { Inject, Injectable } from '@nestjs/common';
import {
  createPgJtiStore,
  ENROLLMENT_GRANT_ISSUER,
  verifyEnrollmentGrant,
  type PgJtiStore,
} from '@rekey/enrollment-grant';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import { DataSource } from 'typeorm';
import type { EnrollmentWebConfig } from '../../customer-web/enrollment-web.environment';
import type { GrantVerifier } from '../grant-verifier.port';

/** reset-issuance's JWKS, fetched and cached by jose; jtis spent in enrollment's own database. */
@Injectable()
export class JwksGrantVerifier implements GrantVerifier {
  private readonly jwks: URL;
  private readonly jtis: PgJtiStore;

  constructor(dataSource: DataSource, @Inject(SERVICE_CONFIG) config: EnrollmentWebConfig) {
    this.jwks = new URL('/.well-known/jwks.json', config.RESET_ISSUANCE_URL);
    this.jtis = createPgJtiStore(dataSource);
  }

  verify(jwt: string) {
    return verifyEnrollmentGrant(jwt, {
      jwks: this.jwks,
      issuer: ENROLLMENT_GRANT_ISSUER,
      consumeJti: this.jtis.consumeJti,
    });
  }
}
