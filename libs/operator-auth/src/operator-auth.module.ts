import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  assertOperatorAuthConfig,
  OPERATOR_AUTH_CONFIG,
  type OperatorAuthConfig,
} from './operator-auth.config';
import { OperatorAuthGuard } from './operator-auth.guard';
import { OperatorTokenVerifier } from './operator-token-verifier';

/**
 * Operator authentication for the whole application: a global module whose guard runs on every
 * route (APP_GUARD), so a route is open only when it says so (`@Public`, `@CustomerFacing`) and
 * otherwise needs the scopes it declares (`@RequireScopes`); a route that declares nothing is
 * refused.
 */
@Module({})
export class OperatorAuthModule {
  static forRoot(config: OperatorAuthConfig): DynamicModule {
    assertOperatorAuthConfig(config);
    return {
      module: OperatorAuthModule,
      global: true,
      providers: [
        { provide: OPERATOR_AUTH_CONFIG, useValue: config },
        { provide: OperatorTokenVerifier, useFactory: () => OperatorTokenVerifier.create(config) },
        OperatorAuthGuard,
        { provide: APP_GUARD, useExisting: OperatorAuthGuard },
      ],
      exports: [OPERATOR_AUTH_CONFIG, OperatorTokenVerifier, OperatorAuthGuard],
    };
  }
}
