import {
  dockerfileStages,
  effectiveUser,
  execFormArguments,
  isRootUser,
  parseDockerfile,
} from './dockerfile-instructions';

const dockerfile = `# syntax=docker/dockerfile:1
ARG BASE=debian:bookworm-slim
FROM \${BASE} AS build
RUN apt-get update \\
    # a comment inside a continued instruction
    && apt-get install -y make
USER builder

from --platform=linux/amd64 \${BASE}
user 10001:10001
CMD ["node", "main.js"]
`;

describe('parseDockerfile', () => {
  it('joins continued lines into one instruction and drops comments', () => {
    const run = parseDockerfile(dockerfile).find((instruction) => instruction.keyword === 'RUN');

    expect(run).toEqual({ keyword: 'RUN', arguments: 'apt-get update && apt-get install -y make', line: 4 });
  });

  it('reads instruction keywords case-insensitively', () => {
    expect(parseDockerfile(dockerfile).map((instruction) => instruction.keyword)).toEqual([
      'ARG',
      'FROM',
      'RUN',
      'USER',
      'FROM',
      'USER',
      'CMD',
    ]);
  });

  it('rejects a file that ends in the middle of a continued instruction', () => {
    expect(() => parseDockerfile('FROM scratch\nRUN true \\')).toThrow(/continuation/);
  });
});

describe('dockerfileStages', () => {
  it('starts a stage at each FROM, with its name and base image', () => {
    const stages = dockerfileStages(parseDockerfile(dockerfile));

    expect(stages.map((stage) => [stage.name, stage.baseImage])).toEqual([
      ['build', '${BASE}'],
      [undefined, '${BASE}'],
    ]);
  });

  it('runs a stage as the last USER it names', () => {
    const [build, runtime] = dockerfileStages(parseDockerfile(dockerfile));

    expect(effectiveUser(build!)).toBe('builder');
    expect(effectiveUser(runtime!)).toBe('10001:10001');
  });

  it('runs a stage without USER as root', () => {
    const [stage] = dockerfileStages(parseDockerfile('FROM node:24\nCMD ["node"]\n'));

    expect(isRootUser(effectiveUser(stage!))).toBe(true);
  });
});

describe('isRootUser', () => {
  it.each(['root', '0', '0:0', 'root:rekey'])('recognises %s as root', (user) => {
    expect(isRootUser(user)).toBe(true);
  });

  it.each(['node', '10001', '10001:10001'])('recognises %s as another user', (user) => {
    expect(isRootUser(user)).toBe(false);
  });
});

describe('execFormArguments', () => {
  it('reads a JSON array as the exec form', () => {
    expect(execFormArguments('["node", "-e", "process.exit(0)"]')).toEqual(['node', '-e', 'process.exit(0)']);
  });

  it('reports the shell form as not exec form', () => {
    expect(execFormArguments('node main.js')).toBeUndefined();
  });
});
