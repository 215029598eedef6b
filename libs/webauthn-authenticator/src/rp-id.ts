import { SecurityError } from './authenticator.errors';

/**
 * The page's origin may use an RP ID that is its host or a parent domain of it (WebAuthn §5.1.3
 * step 8, without the public-suffix check); a browser refuses anything else with a SecurityError.
 * Returns the origin's host, the RP ID a request without one defaults to.
 */
export function checkRpIdForOrigin(origin: string, rpId: string | undefined): string {
  let host: string;
  try {
    host = new URL(origin).hostname;
  } catch {
    throw new SecurityError(`"${origin}" is not an origin`);
  }
  const effectiveRpId = rpId ?? host;
  if (host !== effectiveRpId && !host.endsWith(`.${effectiveRpId}`)) {
    throw new SecurityError(`The RP ID "${effectiveRpId}" is not valid for the origin "${origin}"`);
  }
  return effectiveRpId;
}
