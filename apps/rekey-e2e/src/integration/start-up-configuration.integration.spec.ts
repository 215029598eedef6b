import { spawn } from 'node:child_process';
import path from 'node:path';
import { root } from './platform';

function startWith(environment: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['-r', path.join(root, 'tools/register.cjs'), path.join(root, 'apps/audit/src/main.ts')],
      {
        env: { PATH: process.env['PATH'], OTEL_TRACES_EXPORTER: 'none', ...environment },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('service start-up configuration', () => {
  const complete = {
    PORT: '4199',
    DATABASE_URL: 'postgres://audit:secret-password@127.0.0.1:1/audit',
    KAFKA_BROKERS: '127.0.0.1:1',
    OPERATOR_JWKS_PATH: '/nonexistent/jwks.json',
    OPERATOR_JWT_ISSUER: 'https://issuer.example',
    OPERATOR_JWT_AUDIENCE: 'rekey-operator-api',
  };

  it('stops with the name of a missing variable', async () => {
    const { DATABASE_URL: _missing, ...rest } = complete;
    const { code, stderr } = await startWith(rest);
    expect(code).toBe(1);
    expect(stderr).toContain('DATABASE_URL: is required but not set');
  });

  it('stops with the name of a malformed variable, without echoing secrets', async () => {
    const { code, stderr } = await startWith({
      ...complete,
      DATABASE_URL: 'mysql://audit:secret-password@db/audit',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/DATABASE_URL: /);
    expect(stderr).not.toContain('secret-password');
  });
});
