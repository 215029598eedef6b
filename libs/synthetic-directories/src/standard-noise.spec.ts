import { createHash } from 'node:crypto';
import { formatRecord } from './directory-file-format';
import { generateSyntheticDirectories } from './synthetic-directories';

const now = new Date('2026-01-15T00:00:00Z');

// The standard population is what the demo, the specs and the matching benchmark's figures were
// built on: any change to it, even one draw more or less, must be a deliberate one.
describe('the standard noise profile', () => {
  it('gives, for a seed, exactly the population and files it gave before profiles existed', () => {
    const { legacy, target, truth } = generateSyntheticDirectories({ people: 2_000, seed: 7, now });
    const hash = createHash('sha256');
    for (const format of ['csv', 'ndjson'] as const) {
      for (const record of [...legacy, ...target]) hash.update(formatRecord(record, format));
    }
    hash.update(JSON.stringify([...truth]));
    expect([legacy.length, target.length, truth.size]).toEqual([1_789, 1_806, 1_595]);
    expect(hash.digest('hex')).toBe('038d40dc835c884eec141e3fbaeb7708edd63e034bb0a86a83d94d9b29947cb5');
  });
});
