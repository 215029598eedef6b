import { z } from 'zod';
import { importEnvironmentShape, importSettingsOf } from './import-environment';

const Environment = z.object(importEnvironmentShape);

describe('the import environment', () => {
  it('declares no extra attributes by default', () => {
    expect(importSettingsOf(Environment.parse({})).extraAttributes).toEqual([]);
  });

  it('reads declared extra attributes, comma-separated', () => {
    const env = Environment.parse({ IDENTITY_MATCHING_EXTRA_ATTRIBUTES: ' loyalty_number, branch ,' });
    expect(importSettingsOf(env).extraAttributes).toEqual(['loyalty_number', 'branch']);
  });

  it('refuses at start-up a name that is not snake_case, is a directory column, or is repeated', () => {
    const result = Environment.safeParse({ IDENTITY_MATCHING_EXTRA_ATTRIBUTES: 'Loyalty,emails,tier,tier' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      '"Loyalty" is not a lowercase snake_case name of at most 63 characters',
      '"emails" is already a directory column',
      '"tier" is declared twice',
    ]);
  });
});
