/**
 * `npm start`: brings up the local stack (Kafka from its jars, embedded PostgreSQL), starts the
 * six services against it, prints their URLs, and stops everything on Ctrl-C.
 */
import path from 'node:path';
import {
  ensureLocalStack,
  localServiceEnvironment,
  serviceNames,
  startServiceProcess,
  stopLocalStack,
  stopServiceProcess,
  waitUntilReady,
  type ServiceProcess,
} from '@rekey/testing';

const root = path.resolve(__dirname, '../..');
const logDir = path.join(root, 'tmp/logs');

async function main(): Promise<void> {
  const started = Date.now();
  process.stdout.write('Starting the local stack (Kafka, PostgreSQL)...\n');
  const stack = await ensureLocalStack();
  const environments = await Promise.all(serviceNames.map((name) => localServiceEnvironment(name)));
  const services: ServiceProcess[] = serviceNames.map((name, index) =>
    startServiceProcess(name, { root, logDir, environment: environments[index]! }),
  );

  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping the services and the local stack...\n');
    await Promise.all(services.map((service) => stopServiceProcess(service)));
    await stopLocalStack();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    await Promise.all(services.map((service) => waitUntilReady(service, 60_000)));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    await stopAll(1);
    return;
  }
  for (const service of services) {
    void service.exited.then((code) => {
      if (!stopping) process.stderr.write(`${service.name} exited (code ${code}); see ${service.logFile}\n`);
    });
  }

  const rows = services.map((service) => `  ${service.name.padEnd(20)} ${service.url}   ${service.url}/docs`);
  process.stdout.write(
    [
      '',
      `Rekey is up in ${((Date.now() - started) / 1000).toFixed(1)} s: six services ready.`,
      '',
      `  ${'service'.padEnd(20)} ${'url'.padEnd(24)}   OpenAPI`,
      ...rows,
      '',
      `  Kafka        ${stack.kafkaBrokers.join(',')}`,
      `  Logs         ${path.relative(process.cwd(), logDir)}/<service>.log`,
      `  Operator token: npm run token -- --subject you@example.com --scope waves:write`,
      '',
      'Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
}

void main();
