import { isIPv4, isIPv6 } from 'node:net';

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) is the IPv4 address it wraps. */
export function normaliseIpAddress(address: string): string | undefined {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (isIPv4(trimmed)) return trimmed;
  if (isIPv6(trimmed)) return trimmed.toLowerCase();
  return undefined;
}

/**
 * The network a client shares with its neighbours: its /24 for IPv4, its /64 for IPv6 (what one
 * subscriber usually gets), so rotating addresses within one allocation does not escape the limit.
 */
export function subnetOf(ipAddress: string): string {
  if (isIPv4(ipAddress)) {
    const [a, b, c] = ipAddress.split('.');
    return `${a}.${b}.${c}.0/24`;
  }
  if (isIPv6(ipAddress)) {
    const groups = expandIpv6(ipAddress).slice(0, 4);
    return `${groups.join(':')}::/64`;
  }
  throw new Error('subnetOf needs an IP address');
}

function expandIpv6(address: string): string[] {
  let text = address.toLowerCase().split('%')[0] ?? '';
  // A trailing dotted IPv4 part is two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a, b, c, d] = dotted.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, -dotted.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups].map((group) =>
    group.padStart(4, '0'),
  );
}
