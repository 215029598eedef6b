import { ConfigurationError, loadConfig } from '@rekey/service-runtime';
import { identityMatchingEnvironment } from '../identity-matching.definition';
import { matchConfigOf } from './matching-environment';

const shared = {
  PORT: '3101',
  DATABASE_URL: 'postgres://identity_matching:pw@127.0.0.1:15432/identity_matching',
  KAFKA_BROKERS: '127.0.0.1:19092',
  OPERATOR_JWKS_PATH: '/tmp/jwks.json',
  OPERATOR_JWT_ISSUER: 'https://issuer.example',
  OPERATOR_JWT_AUDIENCE: 'rekey-operator-api',
};

function problemsOf(environment: Record<string, string>): string[] {
  try {
    loadConfig(identityMatchingEnvironment, environment);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error('expected the environment to be refused');
}

describe('the matching environment', () => {
  it('defaults to the documented bands, roles, inactivity and block size', () => {
    const config = matchConfigOf(loadConfig(identityMatchingEnvironment, shared));
    expect(config.bands).toEqual({ high: 0.99, medium: 0.9, low: 0.5 });
    expect(config.privilegedRoles).toEqual(['admin', 'support', 'finance-admin']);
    expect(config.inactiveAfterDays).toBe(730);
    expect(config.maxBlockSize).toBe(200);
  });

  it('reads a comma list of privileged roles', () => {
    const environment = loadConfig(identityMatchingEnvironment, {
      ...shared,
      MATCH_PRIVILEGED_ROLES: ' owner , billing-admin,',
    });
    expect(environment.MATCH_PRIVILEGED_ROLES).toEqual(['owner', 'billing-admin']);
  });

  it('refuses bands out of order at start, naming the variable', () => {
    expect(problemsOf({ ...shared, MATCH_BAND_MEDIUM: '0.995' })).toEqual([
      'MATCH_BAND_MEDIUM: needs MATCH_BAND_LOW <= MATCH_BAND_MEDIUM <= MATCH_BAND_HIGH',
    ]);
  });

  it('refuses a probability above 1 and a block size that is not a whole number', () => {
    const problems = problemsOf({ ...shared, MATCH_BAND_HIGH: '1.5', MATCH_MAX_BLOCK_SIZE: 'many' });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'MATCH_BAND_HIGH',
      'MATCH_MAX_BLOCK_SIZE',
    ]);
  });
});
