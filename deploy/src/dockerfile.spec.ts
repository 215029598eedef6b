import {
  type DockerfileStage,
  dockerfileStages,
  effectiveUser,
  execFormArguments,
  isRootUser,
  parseDockerfile,
} from './dockerfile-instructions';
import { readRepositoryFile } from './repository-files';

const instructions = parseDockerfile(readRepositoryFile('deploy', 'Dockerfile'));
const stages = dockerfileStages(instructions);
const runtime = stages.at(-1)!;

function argumentsOf(stage: DockerfileStage, keyword: string): string[] {
  return stage.instructions
    .filter((instruction) => instruction.keyword === keyword)
    .map((instruction) => instruction.arguments);
}

describe('deploy/Dockerfile', () => {
  it('builds every stage on Node 24 slim', () => {
    const nodeImage = instructions.find(
      (instruction) => instruction.keyword === 'ARG' && instruction.arguments.startsWith('NODE_IMAGE='),
    );

    expect(nodeImage?.arguments).toMatch(/^NODE_IMAGE=node:24-[a-z]+-slim(@sha256:[0-9a-f]{64})?$/);
    expect(stages.map((stage) => stage.baseImage)).toEqual(stages.map(() => '${NODE_IMAGE}'));
  });

  it('compiles with npm ci and the workspace build', () => {
    const build = stages.find((stage) => stage.name === 'build')!;

    expect(argumentsOf(build, 'RUN').join('\n')).toMatch(/npm ci\b/);
    expect(argumentsOf(build, 'RUN')).toContain('node tools/build.cjs');
  });

  it('ships production dependencies only, installed without lifecycle scripts', () => {
    const nodeModules = argumentsOf(runtime, 'COPY').find((copy) => copy.includes('node_modules'));
    const source = /--from=(\S+)/.exec(nodeModules ?? '')?.[1];
    const installer = stages.find((stage) => stage.name === source);

    expect(installer).toBeDefined();
    expect(argumentsOf(installer!, 'RUN').join('\n')).toMatch(/npm ci --omit=dev --ignore-scripts/);
    expect(argumentsOf(runtime, 'RUN').join('\n')).not.toMatch(/npm (ci|install)/);
  });

  it('copies only the chosen service and the libs it requires', () => {
    const fromBuild = argumentsOf(runtime, 'COPY').filter((copy) => copy.startsWith('--from=build'));

    expect(fromBuild).toEqual([
      '--from=build /workspace/dist/libs ./dist/libs',
      '--from=build /workspace/dist/apps/${SERVICE} ./dist/apps/${SERVICE}',
    ]);
  });

  it('runs the final stage as a non-root user', () => {
    const user = effectiveUser(runtime);

    expect(isRootUser(user)).toBe(false);
    expect(user).toMatch(/^\d+(:\d+)?$/);
  });

  it('runs in production mode and exposes the service port', () => {
    expect(argumentsOf(runtime, 'ENV').join(' ')).toMatch(/\bNODE_ENV=production\b/);
    expect(argumentsOf(runtime, 'EXPOSE')).toEqual(['${PORT}']);
  });

  it('listens on every interface of the container, not only its loopback', () => {
    expect(argumentsOf(runtime, 'ENV').join(' ')).toMatch(/\bHOST=0\.0\.0\.0\b/);
  });

  it('checks liveness with node fetch against /health/live', () => {
    const [healthcheck] = argumentsOf(runtime, 'HEALTHCHECK');
    const command = execFormArguments(healthcheck?.replace(/^.*?\bCMD\s+/, '') ?? '');

    expect(command?.slice(0, 2)).toEqual(['node', '-e']);
    expect(command?.[2]).toMatch(/fetch\(.*\/health\/live/);
  });

  it('starts the chosen service with node in the exec form', () => {
    const [cmd] = argumentsOf(runtime, 'CMD');

    expect(execFormArguments(cmd ?? '')).toEqual([
      '/bin/sh',
      '-c',
      'exec node --v8-pool-size=1 dist/apps/${SERVICE}/src/main.js',
    ]);
    expect(argumentsOf(runtime, 'ENV').join(' ')).toMatch(/\bSERVICE=\$\{SERVICE\}/);
  });
});

describe('.dockerignore', () => {
  const patterns = readRepositoryFile('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('sends only what the build compiles, so local secrets never reach the context', () => {
    expect(patterns[0]).toBe('*');
    expect(patterns.filter((pattern) => pattern.startsWith('!'))).toEqual([
      '!package.json',
      '!package-lock.json',
      '!tsconfig.base.json',
      '!tools/',
      '!libs/',
      '!apps/',
    ]);
  });
});
