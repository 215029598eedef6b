import { normaliseIpAddress, subnetOf } from './client-network';

describe('client networks', () => {
  it('groups IPv4 clients by /24', () => {
    expect(subnetOf('203.0.113.77')).toBe('203.0.113.0/24');
    expect(subnetOf('203.0.113.1')).toBe(subnetOf('203.0.113.254'));
    expect(subnetOf('203.0.114.1')).not.toBe(subnetOf('203.0.113.1'));
  });

  it('groups IPv6 clients by /64, however the address is written', () => {
    expect(subnetOf('2001:db8:abcd:12::1')).toBe('2001:0db8:abcd:0012::/64');
    expect(subnetOf('2001:0DB8:ABCD:0012:ffff:0:0:9')).toBe('2001:0db8:abcd:0012::/64');
    expect(subnetOf('2001:db8:abcd:13::1')).not.toBe(subnetOf('2001:db8:abcd:12::1'));
  });

  it('expands the shortest forms', () => {
    expect(subnetOf('::1')).toBe('0000:0000:0000:0000::/64');
    expect(subnetOf('fe80::')).toBe('fe80:0000:0000:0000::/64');
    expect(subnetOf('64:ff9b::192.0.2.33')).toBe('0064:ff9b:0000:0000::/64');
  });

  it('unwraps IPv4 clients seen on a dual-stack socket', () => {
    expect(normaliseIpAddress('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(normaliseIpAddress(' 2001:DB8::1 ')).toBe('2001:db8::1');
  });

  it('refuses what is not an address', () => {
    expect(normaliseIpAddress('unknown')).toBeUndefined();
    expect(normaliseIpAddress('198.51.100.300')).toBeUndefined();
    expect(() => subnetOf('example.com')).toThrow();
  });
});
