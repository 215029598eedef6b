/**
 * The module boundaries of eslint.config.mjs, proven on probe files linted as if they lay at the
 * given paths: what tools, benchmarks and apps may import, and what they may not.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const workspace = path.resolve(__dirname, '..');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

function boundaryErrors(filePath: string, source: string): string[] {
  const eslint = path.join(workspace, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const result = spawnSync(
    process.execPath,
    [eslint, '--stdin', '--stdin-filename', filePath, '--format', 'json'],
    { cwd: workspace, input: source, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
  );
  const [report] = JSON.parse(result.stdout) as Array<{ messages: LintMessage[] }>;
  return report!.messages
    .filter((message) => message.ruleId === '@nx/enforce-module-boundaries')
    .map((message) => message.message);
}

describe('module boundaries', () => {
  it("refuses a tool that imports an app's file", () => {
    expect(
      boundaryErrors(
        'tools/boundary-probe.ts',
        `import { RunMatching } from '../apps/identity-matching/src/linking/run-matching';\nexport const probe = RunMatching;\n`,
      ),
    ).toEqual([expect.stringContaining('Projects cannot be imported by a relative or absolute path')]);
  });

  it("refuses a benchmark that imports an app's test fixture", () => {
    expect(
      boundaryErrors(
        'bench/boundary-probe.ts',
        `import { seedAccounts } from '../apps/reset-issuance/src/integration/issuance-fixture';\nexport const probe = seedAccounts;\n`,
      ),
    ).toHaveLength(1);
  });

  it('lets tools and benchmarks use the testing libraries', () => {
    const source = `import { generateSyntheticDirectories } from '@rekey/synthetic-directories';\nexport const probe = generateSyntheticDirectories;\n`;
    expect(boundaryErrors('tools/boundary-probe.ts', source)).toEqual([]);
    expect(boundaryErrors('bench/boundary-probe.ts', source)).toEqual([]);
  });

  it("keeps the testing libraries out of an app's production code, and lets its specs use them", () => {
    const source = `import { generateSyntheticDirectories } from '@rekey/synthetic-directories';\nexport const probe = generateSyntheticDirectories;\n`;
    expect(boundaryErrors('apps/identity-matching/src/linking/boundary-probe.ts', source)).toEqual([
      expect.stringContaining('can only depend on libs tagged with'),
    ]);
    expect(boundaryErrors('apps/identity-matching/src/linking/boundary-probe.spec.ts', source)).toEqual([]);
  });

  it('keeps the software WebAuthn authenticator out of production code, for tests, tools and benchmarks', () => {
    const source = `import { SoftwareAuthenticator } from '@rekey/webauthn-authenticator';\nexport const probe = SoftwareAuthenticator;\n`;
    expect(boundaryErrors('apps/enrollment/src/boundary-probe.ts', source)).toEqual([
      expect.stringContaining('can only depend on libs tagged with'),
    ]);
    expect(
      boundaryErrors('apps/enrollment/src/integration/boundary-probe.integration.spec.ts', source),
    ).toEqual([]);
    expect(boundaryErrors('tools/demo/boundary-probe.ts', source)).toEqual([]);
    expect(boundaryErrors('bench/boundary-probe.ts', source)).toEqual([]);
  });
});
