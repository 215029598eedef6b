import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(__dirname, '../../..');
const eslintBin = path.join(root, 'node_modules/eslint/bin/eslint.js');
const run = promisify(execFile);

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/**
 * Lints source as if it were the named file, with the workspace's own eslint.config.mjs. ESLint
 * loads that file with a dynamic import, which Jest's sandbox refuses, so it runs in a process.
 */
async function restrictedImports(file: string, source: string): Promise<string[]> {
  const lint = run(
    process.execPath,
    [
      eslintBin,
      '--format',
      'json',
      '--rule',
      '@nx/enforce-module-boundaries: off',
      '--stdin',
      '--stdin-filename',
      file,
    ],
    { cwd: root, env: { ...process.env, NX_DAEMON: 'false' } },
  );
  lint.child.stdin?.end(source);
  // ESLint exits 1 when it reports errors; its JSON report is on stdout either way.
  const stdout = await lint.then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => {
      if (!error.stdout) throw error;
      return error.stdout;
    },
  );
  const [result] = JSON.parse(stdout) as Array<{ messages: LintMessage[] }>;
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

const domainFile = 'apps/reset-issuance/src/holds/domain/fixture.ts';

describe('the domain import rule of eslint.config.mjs', () => {
  it('refuses every framework, driver and telemetry package in a domain file', async () => {
    const banned = ['@nestjs/common', 'typeorm', 'pg', 'kafkajs', '@opentelemetry/api'];
    const source = banned.map((module, index) => `import * as m${index} from '${module}';\n`).join('');

    const messages = await restrictedImports(
      domainFile,
      `${source}export const used = [m0, m1, m2, m3, m4];\n`,
    );

    expect(messages).toEqual(
      banned.map((module) => expect.stringContaining(`'${module}' import is restricted`)),
    );
    expect(messages.every((message) => message.includes('domain/ stays framework-free'))).toBe(true);
  }, 60_000);

  it('still keeps libs/testing out of a domain production file', async () => {
    const messages = await restrictedImports(
      domainFile,
      "import * as testing from '@rekey/testing';\nexport const used = testing;\n",
    );

    expect(messages).toEqual([expect.stringContaining('libs/testing is for tests only')]);
  }, 60_000);

  it('refuses frameworks in a domain spec too, which may use libs/testing', async () => {
    const source =
      "import * as testing from '@rekey/testing';\nimport { Test } from '@nestjs/testing';\nexport const used = [testing, Test];\n";
    const messages = await restrictedImports('apps/reset-issuance/src/holds/domain/fixture.spec.ts', source);

    expect(messages).toEqual([expect.stringContaining("'@nestjs/testing' import is restricted")]);
  }, 60_000);

  it('lets adapters and the edge use the frameworks', async () => {
    const source =
      "import { Injectable } from '@nestjs/common';\nimport { DataSource } from 'typeorm';\nexport const used = [Injectable, DataSource];\n";

    expect(
      await restrictedImports('apps/reset-issuance/src/holds/adapters/fixture.adapter.ts', source),
    ).toEqual([]);
  }, 60_000);
});

describe('the fakes import rule of eslint.config.mjs', () => {
  const importsFakes = "import { FakeHoldStore } from '../testing';\nexport const used = FakeHoldStore;\n";

  it('keeps src/testing/ out of production code', async () => {
    expect(await restrictedImports('apps/reset-issuance/src/holds/place-hold.ts', importsFakes)).toEqual([
      expect.stringContaining('holds fakes for its specs'),
    ]);
    expect(
      await restrictedImports(
        'apps/reset-issuance/src/holds/domain/fixture.ts',
        "import { FakeHoldStore } from '../../testing/hold-store.fake';\nexport const used = FakeHoldStore;\n",
      ),
    ).toEqual([expect.stringContaining('holds fakes for its specs')]);
  }, 60_000);

  it('lets specs and integration specs use it', async () => {
    expect(await restrictedImports('apps/reset-issuance/src/holds/place-hold.spec.ts', importsFakes)).toEqual(
      [],
    );
    expect(
      await restrictedImports(
        'apps/reset-issuance/src/integration/fixture.integration.spec.ts',
        importsFakes,
      ),
    ).toEqual([]);
  }, 60_000);
});
