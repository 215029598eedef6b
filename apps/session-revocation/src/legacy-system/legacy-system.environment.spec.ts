import { loadConfig } from '@rekey/service-runtime';
import { z } from 'zod';
import { legacyApiSettings, legacySystemEnvironment } from './legacy-system.environment';

const parse = (source: NodeJS.ProcessEnv) => loadConfig(z.object(legacySystemEnvironment), source);

describe('the legacy API settings', () => {
  it('reach the development simulator with its token outside production', () => {
    expect(legacyApiSettings(parse({}))).toEqual({
      baseUrl: 'http://127.0.0.1:3190/legacy',
      authorization: 'Bearer rekey-legacy-dev-token',
      timeoutMs: 5_000,
      canSuspend: true,
    });
  });

  it('use basic authentication from user:password', () => {
    const settings = legacyApiSettings(
      parse({ LEGACY_API_BASIC: 'rekey:pa:ss', LEGACY_API_URL: 'https://ciam.test/api/' }),
    );
    expect(settings.authorization).toBe(`Basic ${Buffer.from('rekey:pa:ss').toString('base64')}`);
    expect(settings.baseUrl).toBe('https://ciam.test/api');
  });

  it('refuse the development defaults in production, without echoing a value', () => {
    expect(() => legacyApiSettings(parse({ NODE_ENV: 'production' }))).toThrow('LEGACY_API_URL');
    expect(() =>
      legacyApiSettings(parse({ NODE_ENV: 'production', LEGACY_API_URL: 'https://ciam.test/api' })),
    ).toThrow('LEGACY_API_TOKEN or LEGACY_API_BASIC');
    expect(() => legacyApiSettings(parse({ LEGACY_API_TOKEN: 's3cr3t', LEGACY_API_BASIC: 'a:b' }))).toThrow(
      /^((?!s3cr3t).)*$/,
    );
  });

  it('refuse a credential in the URL', () => {
    expect(() => legacyApiSettings(parse({ LEGACY_API_URL: 'https://rekey:s3cr3t@ciam.test/api' }))).toThrow(
      'must not carry a credential',
    );
  });
});
