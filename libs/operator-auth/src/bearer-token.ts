import type { IncomingHttpHeaders } from 'node:http';

/** The token of an `Authorization: Bearer <token>` header (RFC 6750), if the request has one. */
export function bearerTokenOf(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)[ ]*$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

/** Whether the request presents any bearer credential at all, well-formed or not. */
export function hasBearerScheme(headers: IncomingHttpHeaders): boolean {
  return /^Bearer(\s|$)/i.test(headers.authorization ?? '');
}
