import { ConfigurationError, loadConfig } from '@rekey/service-runtime';
import { identityMatchingEnvironment } from '../identity-matching.definition';
import {
  linkageConfigFile as configFile,
  sharedServiceEnvironment as shared,
} from '../identity-matching-environment.fixture';
import { DEFAULT_LINKAGE } from '../matching';
import { matchConfigOf } from './matching-environment';

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
  it('defaults to the documented bands, roles, inactivity and linkage configuration', () => {
    const config = matchConfigOf(loadConfig(identityMatchingEnvironment, shared));
    expect(config.bands).toEqual({ high: 0.99, medium: 0.9, low: 0.5 });
    expect(config.privilegedRoles).toEqual(['admin', 'support', 'finance-admin']);
    expect(config.inactiveAfterDays).toBe(730);
    expect(config.linkage).toEqual(DEFAULT_LINKAGE);
  });

  it('reads a linkage configuration file with a declared extra attribute', () => {
    const linkage = {
      ...DEFAULT_LINKAGE,
      extraAttributes: [{ name: 'customer_number' }],
      comparisons: [
        ...DEFAULT_LINKAGE.comparisons,
        { name: 'customer_number', field: 'attribute:customer_number', levels: [{ type: 'exact' }] },
      ],
    };
    const config = matchConfigOf(
      loadConfig(identityMatchingEnvironment, { ...shared, MATCH_LINKAGE_CONFIG: configFile(linkage) }),
    );
    expect(config.linkage.extraAttributes).toEqual([{ name: 'customer_number' }]);
    expect(config.linkage.comparisons.at(-1)).toMatchObject({
      field: 'attribute:customer_number',
      termFrequency: false,
    });
  });

  it('refuses a linkage configuration file at start, naming the file and the place of each mistake', () => {
    const linkage = {
      ...DEFAULT_LINKAGE,
      comparisons: [
        { ...DEFAULT_LINKAGE.comparisons[0], levels: [{ type: 'token_overlap', threshold: 0.5 }] },
        { name: 'region', field: 'attribute:region', levels: [{ type: 'exact' }] },
      ],
      blocking: {
        ...DEFAULT_LINKAGE.blocking,
        rules: [{ name: 'names', keys: ['given_name', 'family_name'], whenMissing: 'attribute:region' }],
      },
      estimation: { ...DEFAULT_LINKAGE.estimation, trainingRules: ['no-such-rule'] },
    };
    const file = configFile(linkage);
    expect(problemsOf({ ...shared, MATCH_LINKAGE_CONFIG: file })).toEqual([
      `MATCH_LINKAGE_CONFIG: ${file}: comparisons[0].levels[0].type: given_name has no token_overlap level (it has exact, swapped, jaro_winkler, initial)`,
      `MATCH_LINKAGE_CONFIG: ${file}: comparisons[1].field: attribute:region is not a declared extra attribute`,
      `MATCH_LINKAGE_CONFIG: ${file}: blocking.rules[0].whenMissing: attribute:region is not a declared extra attribute`,
      `MATCH_LINKAGE_CONFIG: ${file}: estimation.trainingRules[0]: no-such-rule is not one of the blocking rules`,
    ]);
    expect(problemsOf({ ...shared, MATCH_LINKAGE_CONFIG: configFile('{ not json') })[0]).toMatch(
      /is not JSON/,
    );
    expect(problemsOf({ ...shared, MATCH_LINKAGE_CONFIG: '/nowhere/linkage.json' })).toEqual([
      'MATCH_LINKAGE_CONFIG: /nowhere/linkage.json: cannot be read (ENOENT)',
    ]);
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

  it('refuses a probability above 1 and inactivity that is not a whole number', () => {
    const problems = problemsOf({ ...shared, MATCH_BAND_HIGH: '1.5', MATCH_INACTIVE_AFTER_DAYS: 'many' });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'MATCH_BAND_HIGH',
      'MATCH_INACTIVE_AFTER_DAYS',
    ]);
  });
});
