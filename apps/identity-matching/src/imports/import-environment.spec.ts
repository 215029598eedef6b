import { ConfigurationError, loadConfig } from '@rekey/service-runtime';
import { identityMatchingEnvironment } from '../identity-matching.definition';
import {
  linkageConfigFile,
  sharedServiceEnvironment as shared,
} from '../identity-matching-environment.fixture';
import { DEFAULT_LINKAGE } from '../matching';
import { importSettingsOf } from './import-environment';

function withAttributes(...names: string[]): Record<string, string> {
  const extraAttributes = names.map((name) => ({ name }));
  return { ...shared, MATCH_LINKAGE_CONFIG: linkageConfigFile({ ...DEFAULT_LINKAGE, extraAttributes }) };
}

describe('the import environment', () => {
  it('declares no extra attributes by default', () => {
    expect(importSettingsOf(loadConfig(identityMatchingEnvironment, shared)).extraAttributes).toEqual([]);
  });

  it('keeps the extra attributes the linkage configuration declares', () => {
    const env = loadConfig(identityMatchingEnvironment, withAttributes('loyalty_number', 'branch'));
    expect(importSettingsOf(env).extraAttributes).toEqual(['loyalty_number', 'branch']);
  });

  it('refuses at start-up an extra attribute that is already a directory column', () => {
    try {
      loadConfig(identityMatchingEnvironment, withAttributes('emails', 'tier'));
      throw new Error('expected the environment to be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).problems).toEqual([
        'MATCH_LINKAGE_CONFIG: extraAttributes: "emails" is already a directory column',
      ]);
    }
  });
});
