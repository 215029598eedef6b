export { OperatorAuthModule } from './operator-auth.module';
export { OPERATOR_AUTH_CONFIG, type OperatorAuthConfig } from './operator-auth.config';
export { OperatorAuthGuard } from './operator-auth.guard';
export { Actor, CustomerFacing, Public, RequireScopes } from './operator-auth.decorators';
export { routeAccessOf, type RouteAccess } from './route-access';
export { declaredRoutesOf, undeclaredRoutes, type DeclaredRoute } from './route-declarations';
export { controllersOf, type ModuleReference } from './module-controllers';
export type { OperatorActor } from './operator-actor';
export { actorOf } from './request-actor';
export { isOperatorScope, OPERATOR_SCOPES, type OperatorScope } from './operator-scopes';
export {
  OperatorKeySetUnavailable,
  OperatorTokenRejected,
  OperatorTokenVerifier,
} from './operator-token-verifier';
export {
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  developmentKeysDir,
  ensureDevelopmentKeyPair,
  ensureDevelopmentKeys,
  writeDevelopmentJwks,
  type DevelopmentKeyPair,
  type DevelopmentKeys,
} from './development/development-keys';
export { mintOperatorToken, type MintOperatorTokenOptions } from './development/mint-operator-token';
