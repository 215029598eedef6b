import type { IncomingMessage } from 'node:http';
import { normaliseIpAddress } from './client-network';

/** Used when the socket has no address (it closed); it never matches a real client's counters. */
const UNKNOWN_CLIENT = '0.0.0.0';

/**
 * The customer's IP address. X-Forwarded-For is read only when `trustedProxies` proxies are known
 * to sit in front: each appends the address it saw, so the client is that many entries from the
 * end; anything further left was written by the client and proves nothing.
 */
export function clientAddressOf(request: IncomingMessage, trustedProxies: number): string {
  const socketAddress = normaliseIpAddress(request.socket.remoteAddress ?? '') ?? UNKNOWN_CLIENT;
  if (trustedProxies === 0) return socketAddress;
  const header = request.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const forwarded = entries[entries.length - trustedProxies];
  return (forwarded && normaliseIpAddress(forwarded)) || socketAddress;
}
