import { spawnSync } from 'node:child_process';

/**
 * The release CI installs: the first to carry the Kubernetes 1.37 schemas. It ships every schema
 * it knows, so validation needs no network.
 */
export const kubernetesValidateRelease = '1.37.0';
const installHint = `pip install kubernetes-validate==${kubernetesValidateRelease}`;

export interface KubernetesValidation {
  exitCode: number;
  output: string;
  /** `<file> <kind>/<name>` of every resource reported as passing. */
  passed: string[];
}

/**
 * Runs the `kubernetes-validate` CLI (PyPI) in strict mode, which also rejects unknown fields.
 * A missing or outdated tool is an error, never a skip: CI must not go green without validating.
 */
export function kubernetesValidate(files: string[], kubernetesVersion: string): KubernetesValidation {
  requireRelease();
  const result = runTool(['--strict', '--kubernetes-version', kubernetesVersion, ...files]);
  const passed = [...result.output.matchAll(/^INFO (\S+) passed for resource (\S+) against version/gm)].map(
    ([, file, resource]) => `${file} ${resource}`,
  );
  return { ...result, passed };
}

let checkedRelease = false;

function requireRelease(): void {
  if (checkedRelease) return;
  const installed = runTool(['--version']).output.trim();
  if (compareVersions(installed, kubernetesValidateRelease) < 0) {
    throw new Error(
      `kubernetes-validate ${installed} is older than these tests need. Install: ${installHint}`,
    );
  }
  checkedRelease = true;
}

function runTool(args: string[]): { exitCode: number; output: string } {
  const result = spawnSync('kubernetes-validate', args, { encoding: 'utf8' });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error(`kubernetes-validate is not installed (or not on PATH). Install it with: ${installHint}`);
  }
  if (result.error) throw result.error;
  return { exitCode: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

export function compareVersions(left: string, right: string): number {
  const parts = (version: string) => version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [a, b] = [parts(left), parts(right)];
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
