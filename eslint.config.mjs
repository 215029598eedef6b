import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import services from './libs/service-catalog/src/services.json' with { type: 'json' };

// Boundaries: apps never import each other; contracts depend on nothing; foundation libs
// (libs/background: the clock, backoff and background loop every layer shares) use contracts only;
// infrastructure libs use contracts and foundation only; the service runtime composes
// infrastructure; `type:testing` libs (libs/testing, libs/synthetic-directories, libs/benchmarking)
// only from tests, tools and benchmarks, never from an app's production code. Tools (tools/) and
// benchmarks (bench/) are projects too: like any project they cannot import an app (Nx forbids
// it), so what they need from one lives in a library, or in the app's own src/integration/bench/
// processes, which bench/ runs.
const dependencyConstraints = [
  {
    sourceTag: 'type:contracts',
    onlyDependOnLibsWithTags: [],
    bannedExternalImports: ['@nestjs/*', 'typeorm', 'kafkajs', 'pg'],
  },
  { sourceTag: 'type:foundation', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:infrastructure', onlyDependOnLibsWithTags: ['type:contracts', 'type:foundation'] },
  {
    sourceTag: 'type:runtime',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:foundation', 'type:infrastructure'],
  },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:foundation', 'type:infrastructure', 'type:runtime'],
  },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:foundation', 'type:infrastructure', 'type:runtime'],
  },
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: [
      'type:contracts',
      'type:foundation',
      'type:infrastructure',
      'type:runtime',
      'type:testing',
    ],
  },
  {
    sourceTag: 'type:bench',
    onlyDependOnLibsWithTags: [
      'type:contracts',
      'type:foundation',
      'type:infrastructure',
      'type:runtime',
      'type:testing',
    ],
  },
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:foundation', 'type:infrastructure', 'type:testing'],
  },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...services.map(({ name }) => ({ sourceTag: `scope:${name}`, onlyDependOnLibsWithTags: ['scope:shared'] })),
];

// `no-restricted-imports` is one rule: a later block that sets it replaces, never adds to, what
// an earlier block set. Each block below therefore lists every restriction its files need.
const testingOnlyInTests = [
  { name: '@rekey/testing', message: 'libs/testing is for tests only.' },
  // Libraries' own test entries: fakes and test issuers, for tests, tools and benchmarks.
  { name: '@rekey/enrollment-grant/testing', message: 'A library’s testing entry is for tests only.' },
  { name: '@rekey/notifications/testing', message: 'A library’s testing entry is for tests only.' },
  { name: '@rekey/background/testing', message: 'A library’s testing entry is for tests only.' },
  { name: '@rekey/rate-limits/testing', message: 'A library’s testing entry is for tests only.' },
];
const frameworkFreeDomain = {
  group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'kafkajs', '@opentelemetry/*', 'pg', 'pg/*'],
  message: 'domain/ stays framework-free: frameworks, drivers and telemetry belong to adapters and the edge.',
};
// An app's own fakes of its ports (src/testing/, with their contract suites) are tests too.
const appFakesOnlyInTests = {
  // A relative import of a `testing` folder: packages' own test entries (@nestjs/testing...) are
  // a matter for each package.
  regex: '^\\.{1,2}/(?:.*/)?testing(?:/.*)?$',
  message: "An app's src/testing/ holds fakes for its specs: production code never imports it.",
};
const testFiles = [
  '**/*.spec.ts',
  'libs/testing/**',
  '**/src/integration/**',
  'apps/rekey-e2e/**',
  'apps/*/src/testing/**',
];
// Every project's jest.config.cjs requires tools/jest-project.cjs (the workspace's shared Jest and
// SWC settings), so the project graph sees each project depend on tools while tools' commands
// import the libraries: a cycle of configuration files, not of code. Nothing imports tools' code.
const ignoredCircularDependencies = [
  ['tools', 'libs/*'],
  ['tools', 'apps/*'],
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/tmp', 'bench/results'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          ignoredCircularDependencies,
          depConstraints: dependencyConstraints,
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests, their fixtures, an app's fakes and contract suites (src/testing/) and its benchmark
    // processes (src/integration/bench/) may also use the testing libraries, whatever the type of
    // the project they belong to.
    files: ['**/*.spec.ts', '**/*.fixture.ts', '**/integration/**/*.ts', 'apps/*/src/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          ignoredCircularDependencies,
          depConstraints: dependencyConstraints.map((constraint) =>
            constraint.sourceTag.startsWith('type:') && constraint.sourceTag !== 'type:contracts'
              ? {
                  ...constraint,
                  onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:testing'],
                }
              : constraint,
          ),
        },
      ],
    },
  },
  {
    // libs/testing belongs to tests: production code never imports it.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': ['error', { paths: testingOnlyInTests, patterns: [appFakesOnlyInTests] }],
    },
  },
  {
    // Domain code stays framework-free, its specs included.
    files: ['**/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [frameworkFreeDomain] }] },
  },
  {
    // The domain's production files get both restrictions: the last block that sets a rule wins.
    files: ['apps/**/domain/**/*.ts', 'libs/**/domain/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: testingOnlyInTests, patterns: [frameworkFreeDomain, appFakesOnlyInTests] },
      ],
    },
  },
  prettier,
];
