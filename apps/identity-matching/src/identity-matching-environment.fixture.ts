import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** For the specs: the variables every service needs, so a spec sets only what it is about. */
export const sharedServiceEnvironment = {
  PORT: '3101',
  DATABASE_URL: 'postgres://identity_matching:pw@127.0.0.1:15432/identity_matching',
  KAFKA_BROKERS: '127.0.0.1:19092',
  OPERATOR_JWKS_PATH: '/tmp/jwks.json',
  OPERATOR_JWT_ISSUER: 'https://issuer.example',
  OPERATOR_JWT_AUDIENCE: 'rekey-operator-api',
};

/** Writes a linkage configuration file (JSON, or text as given) and returns its path. */
export function linkageConfigFile(content: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'linkage-')), 'linkage.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}
