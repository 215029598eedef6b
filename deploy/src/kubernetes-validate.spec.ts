import { compareVersions } from './kubernetes-validate';

describe('compareVersions', () => {
  it('orders releases by their numeric parts, not as text', () => {
    expect(compareVersions('1.37.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('1.34.1', '1.37.0')).toBeLessThan(0);
  });

  it('treats a missing part as zero', () => {
    expect(compareVersions('1.37', '1.37.0')).toBe(0);
  });
});
