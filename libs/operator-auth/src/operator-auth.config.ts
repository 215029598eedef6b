/** Which tokens the operator APIs trust: one key set (remote OIDC JWKS or a local file), one issuer, one audience. */
export interface OperatorAuthConfig {
  /** The identity provider's JWKS, e.g. `https://login.example.com/.well-known/jwks.json`. */
  jwksUrl?: string;
  /** A JWKS file, for development (see `ensureDevelopmentKeys`). */
  jwksPath?: string;
  issuer: string;
  audience: string;
}

export const OPERATOR_AUTH_CONFIG = Symbol('OPERATOR_AUTH_CONFIG');

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Throws on a configuration that could not authenticate anyone safely. */
export function assertOperatorAuthConfig(config: OperatorAuthConfig): void {
  if (Boolean(config.jwksUrl) === Boolean(config.jwksPath)) {
    throw new Error(
      'Operator auth needs exactly one key set: jwksUrl (an OIDC provider JWKS) or jwksPath (a local JWKS file)',
    );
  }
  if (!config.issuer || !config.audience) throw new Error('Operator auth needs an issuer and an audience');
  if (config.jwksUrl) {
    const url = new URL(config.jwksUrl);
    // Keys fetched over plain HTTP could be swapped on the way; only the loopback is exempt.
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopbackHosts.has(url.hostname))) {
      throw new Error(`Operator auth fetches its JWKS over HTTPS only (got ${url.protocol}//${url.host})`);
    }
  }
}
