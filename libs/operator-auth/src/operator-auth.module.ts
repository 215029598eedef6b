import { Module, type DynamicModule } from '@nestjs/common';
import {
  assertOperatorAuthConfig,
  OPERATOR_AUTH_CONFIG,
  type OperatorAuthConfig,
} from './operator-auth.config';
import { OperatorAuthGuard } from './operator-auth.guard';
import { OperatorTokenVerifier } from './operator-token-verifier';

/**
 * Operator authentication for the whole application (a global module), so any controller can use
 * `@RequireScopes`, `@CustomerFacing` and `@Actor` without importing it again.
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
      ],
      exports: [OPERATOR_AUTH_CONFIG, OperatorTokenVerifier, OperatorAuthGuard],
    };
  }
}
