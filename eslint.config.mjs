import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

// Boundaries: apps never import each other; contracts depend on nothing; infrastructure libs use
// contracts only; the service runtime composes infrastructure; libs/testing only from tests.
const dependencyConstraints = [
  {
    sourceTag: 'type:contracts',
    onlyDependOnLibsWithTags: [],
    bannedExternalImports: ['@nestjs/*', 'typeorm', 'kafkajs', 'pg'],
  },
  { sourceTag: 'type:infrastructure', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:runtime', onlyDependOnLibsWithTags: ['type:contracts', 'type:infrastructure'] },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:infrastructure', 'type:runtime'],
  },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:infrastructure', 'type:runtime', 'type:testing'],
  },
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:infrastructure', 'type:testing'],
  },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...[
    'identity-matching',
    'reset-issuance',
    'enrollment',
    'session-revocation',
    'fraud-monitoring',
    'audit',
  ].map((service) => ({ sourceTag: `scope:${service}`, onlyDependOnLibsWithTags: ['scope:shared'] })),
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
        { enforceBuildableLibDependency: false, allow: [], depConstraints: dependencyConstraints },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests may also use libs/testing, whatever the type of the project they test.
    files: ['**/*.spec.ts', '**/integration/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
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
    // Domain code stays framework-free.
    files: ['**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'typeorm', 'kafkajs', '@opentelemetry/*', 'pg'] },
      ],
    },
  },
  {
    // libs/testing belongs to tests: production code never imports it.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/testing/**', '**/src/integration/**', 'apps/rekey-e2e/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@rekey/testing', message: 'libs/testing is for tests only.' }] },
      ],
    },
  },
  prettier,
];
