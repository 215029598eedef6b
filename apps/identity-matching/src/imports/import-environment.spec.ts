import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigurationError, loadConfig } from '@rekey/service-runtime';
import { identityMatchingEnvironment } from '../identity-matching.definition';
import { DEFAULT_LINKAGE } from '../matching';
import { importSettingsOf } from './import-environment';

const shared = {
  PORT: '3101',
  DATABASE_URL: 'postgres://identity_matching:pw@127.0.0.1:15432/identity_matching',
  KAFKA_BROKERS: '127.0.0.1:19092',
  OPERATOR_JWKS_PATH: '/tmp/jwks.json',
  OPERATOR_JWT_ISSUER: 'https://issuer.example',
  OPERATOR_JWT_AUDIENCE: 'rekey-operator-api',
};

function withAttributes(...names: string[]): Record<string, string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'linkage-')), 'linkage.json');
  writeFileSync(
    file,
    JSON.stringify({ ...DEFAULT_LINKAGE, extraAttributes: names.map((name) => ({ name })) }),
  );
  return { ...shared, MATCH_LINKAGE_CONFIG: file };
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
