import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import {
  isPortOpen,
  isProcessRunning,
  spawnDetached,
  stopProcess,
  tailOf,
  waitUntil,
  type DetachedProcess,
} from './detached-process';

export interface KafkaBrokerOptions {
  /** Folder of this broker's configuration, data and logs. */
  dir: string;
  libsDir: string;
  port: number;
  controllerPort: number;
  /** How long to wait for the broker to answer; KRaft quorum formation is slow on a busy machine. */
  readyTimeoutMs?: number;
}

export interface RunningBroker {
  pid: number;
  brokers: string[];
}

const brokerMainClass = 'kafka.Kafka';

const heapAndGc = [
  '-Xms256m',
  '-Xmx512m',
  // The collector settings Kafka's own start scripts use.
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:InitiatingHeapOccupancyPercent=35',
  '-XX:+ExplicitGCInvokesConcurrent',
  '-Djava.awt.headless=true',
];

/**
 * A single-node KRaft broker (broker and controller in one JVM) from the cached jars, started
 * detached so it outlives this process. Resolves once an admin client gets an answer.
 */
export async function startKafkaBroker(options: KafkaBrokerOptions): Promise<RunningBroker> {
  const brokers = [`127.0.0.1:${options.port}`];
  const pidFile = path.join(options.dir, 'broker.pid');
  const adopted = recordedBroker(pidFile);
  if (adopted !== undefined && (await isKafkaAnswering(brokers))) return { pid: adopted, brokers };
  for (const port of [options.port, options.controllerPort]) {
    if (await isPortOpen(port)) {
      throw new Error(`Port ${port} is already in use; set REKEY_KAFKA_PORT / REKEY_KAFKA_CONTROLLER_PORT`);
    }
  }
  const files = writeBrokerFiles(options);
  await formatStorage(options, files);

  const timeoutMs = options.readyTimeoutMs ?? 90_000;
  // One retry: a first start that loses the race for CPU can stall forming its quorum.
  for (let attempt = 1; ; attempt++) {
    const broker = launch(options, files);
    writeFileSync(pidFile, `${broker.pid}\n`);
    if (await waitForBroker(brokers, broker, timeoutMs)) return { pid: broker.pid, brokers };
    await stopKafkaBroker(broker.pid);
    if (attempt === 2) {
      throw new Error(
        `Kafka did not answer on ${brokers[0]} within ${timeoutMs} ms (${broker.exitStatus() ?? 'still running'}).\n` +
          `${tailOf(files.serverLog)}\n${tailOf(files.consoleLog, 10)}`,
      );
    }
  }
}

/** SIGTERM lets the broker close its logs cleanly, so the next start skips log recovery. */
export async function stopKafkaBroker(pid: number): Promise<void> {
  if (isKafkaBrokerProcess(pid)) await stopProcess(pid, 'SIGTERM', 30_000);
}

export function isKafkaBrokerProcess(pid: number): boolean {
  return isProcessRunning(pid, brokerMainClass);
}

/** True once the cluster answers describeCluster. */
export async function isKafkaAnswering(brokers: string[]): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'rekey-local-stack',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** A broker this folder started earlier that is still running (its state record may be lost). */
function recordedBroker(pidFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && isKafkaBrokerProcess(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

interface BrokerFiles {
  serverProperties: string;
  log4jProperties: string;
  dataDir: string;
  logsDir: string;
  serverLog: string;
  consoleLog: string;
}

function writeBrokerFiles(options: KafkaBrokerOptions): BrokerFiles {
  const files: BrokerFiles = {
    serverProperties: path.join(options.dir, 'server.properties'),
    log4jProperties: path.join(options.dir, 'log4j.properties'),
    dataDir: path.join(options.dir, 'data'),
    logsDir: path.join(options.dir, 'logs'),
    serverLog: path.join(options.dir, 'logs', 'server.log'),
    consoleLog: path.join(options.dir, 'logs', 'console.log'),
  };
  mkdirSync(files.dataDir, { recursive: true });
  mkdirSync(files.logsDir, { recursive: true });
  writeFileSync(files.serverProperties, serverProperties(options, files.dataDir));
  writeFileSync(files.log4jProperties, log4jProperties(files.serverLog));
  return files;
}

function serverProperties(options: KafkaBrokerOptions, dataDir: string): string {
  const broker = `127.0.0.1:${options.port}`;
  const controller = `127.0.0.1:${options.controllerPort}`;
  return `${[
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${controller}`,
    `listeners=PLAINTEXT://${broker},CONTROLLER://${controller}`,
    `advertised.listeners=PLAINTEXT://${broker}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=3',
    'default.replication.factor=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1',
    // The 3 s default delays every consumer group's first join, in every test.
    'group.initial.rebalance.delay.ms=0',
    'num.network.threads=2',
    'num.io.threads=4',
    'log.retention.hours=24',
    'auto.create.topics.enable=true',
  ].join('\n')}\n`;
}

function log4jProperties(serverLog: string): string {
  return `${[
    'log4j.rootLogger=INFO, file',
    'log4j.appender.file=org.apache.log4j.RollingFileAppender',
    `log4j.appender.file.File=${serverLog}`,
    'log4j.appender.file.MaxFileSize=10MB',
    'log4j.appender.file.MaxBackupIndex=2',
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    'log4j.logger.kafka.request.logger=WARN',
    'log4j.logger.state.change.logger=WARN',
    'log4j.logger.org.apache.kafka.clients=WARN',
  ].join('\n')}\n`;
}

function javaCommand(): string {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function javaArgs(
  options: KafkaBrokerOptions,
  files: BrokerFiles,
  mainClass: string,
  args: string[],
): string[] {
  return [
    ...heapAndGc,
    `-Dlog4j.configuration=file:${files.log4jProperties}`,
    `-Dkafka.logs.dir=${files.logsDir}`,
    '-cp',
    path.join(options.libsDir, '*'),
    mainClass,
    ...args,
  ];
}

async function formatStorage(options: KafkaBrokerOptions, files: BrokerFiles): Promise<void> {
  if (existsSync(path.join(files.dataDir, 'meta.properties'))) return;
  const args = ['format', '-t', clusterId(options.dir), '-c', files.serverProperties, '-g'];
  try {
    await promisify(execFile)(javaCommand(), javaArgs(options, files, 'kafka.tools.StorageTool', args));
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`Kafka storage format failed: ${stderr || stdout || String(error)}`);
  }
}

/** 16 random bytes, base64url: the form StorageTool expects. Kept so a re-format matches the data. */
function clusterId(dir: string): string {
  const file = path.join(dir, 'cluster-id');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  let id: string;
  do id = randomBytes(16).toString('base64url');
  while (id.startsWith('-'));
  writeFileSync(file, `${id}\n`);
  return id;
}

function launch(options: KafkaBrokerOptions, files: BrokerFiles): DetachedProcess {
  return spawnDetached(javaCommand(), javaArgs(options, files, brokerMainClass, [files.serverProperties]), {
    logFile: files.consoleLog,
  });
}

async function waitForBroker(
  brokers: string[],
  broker: DetachedProcess,
  timeoutMs: number,
): Promise<boolean> {
  const settled = await waitUntil(
    async () => broker.exitStatus() !== undefined || (await isKafkaAnswering(brokers)),
    timeoutMs,
    500,
  );
  return settled && broker.exitStatus() === undefined;
}
