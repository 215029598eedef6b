import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** Where the local stack keeps its processes' data, and which ports they listen on. */
export interface StackSettings {
  stackDir: string;
  cacheDir: string;
  kafkaVersion: string;
  kafkaPort: number;
  kafkaControllerPort: number;
  postgresPort: number;
  /** Set when KAFKA_BROKERS names an external cluster: the stack then starts no broker. */
  externalKafkaBrokers: string[] | undefined;
  /** Set when REKEY_POSTGRES_URL names an external server: the stack then starts no PostgreSQL. */
  externalPostgresUrl: string | undefined;
}

// Far from the usual 9092 / 5432, so a developer's own Kafka or PostgreSQL keeps working beside ours.
const defaultPorts = { kafka: 19092, kafkaController: 19093, postgres: 15432 };

export function stackSettings(environment: NodeJS.ProcessEnv = process.env): StackSettings {
  const brokers = environment.KAFKA_BROKERS?.split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  return {
    stackDir: path.resolve(environment.REKEY_STACK_DIR || '/tmp/rekey-stack'),
    cacheDir: path.resolve(environment.REKEY_CACHE_DIR || path.join(homedir(), '.cache', 'rekey')),
    kafkaVersion: environment.KAFKA_VERSION || pinnedKafkaVersion(),
    kafkaPort: port(environment.REKEY_KAFKA_PORT, defaultPorts.kafka),
    kafkaControllerPort: port(environment.REKEY_KAFKA_CONTROLLER_PORT, defaultPorts.kafkaController),
    postgresPort: port(environment.REKEY_POSTGRES_PORT, defaultPorts.postgres),
    externalKafkaBrokers: brokers && brokers.length > 0 ? brokers : undefined,
    externalPostgresUrl: environment.REKEY_POSTGRES_URL || undefined,
  };
}

function port(value: string | undefined, fallback: number): number {
  if (!value) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) {
    throw new Error(`Invalid port "${value}"`);
  }
  return parsed;
}

/** The root of the workspace, found from this file whether it runs from src/ or dist/. */
export function workspaceRoot(): string {
  let folder = __dirname;
  while (!existsSync(path.join(folder, 'tools', 'kafka', 'pom.xml'))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`No tools/kafka/pom.xml above ${__dirname}`);
    folder = parent;
  }
  return folder;
}

/** The Kafka version pinned in tools/kafka/pom.xml: one place to bump it. */
export function pinnedKafkaVersion(): string {
  const pom = readFileSync(path.join(workspaceRoot(), 'tools', 'kafka', 'pom.xml'), 'utf8');
  const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1];
  if (!version) throw new Error('tools/kafka/pom.xml has no <kafka.version>');
  return version.trim();
}
