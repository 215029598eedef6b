/** Who performed an operator action, as audited events record it. */
export interface OperatorActor {
  /** The token's `sub`: the operator's identity at the identity provider. */
  subject: string;
  scopes: string[];
  /** The token's `jti`, when the identity provider sets one. */
  tokenId: string | undefined;
}
