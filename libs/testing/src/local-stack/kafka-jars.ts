import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { workspaceRoot, type StackSettings } from './stack-settings';

/** The folder tools/kafka/fetch-jars.sh fills with the broker's jars. */
export function kafkaLibsDir(settings: StackSettings): string {
  return path.join(settings.cacheDir, `kafka-${settings.kafkaVersion}`, 'libs');
}

/** The script writes its marker only after every jar has been copied. */
export function hasKafkaJars(settings: StackSettings): boolean {
  return existsSync(path.join(kafkaLibsDir(settings), '.complete'));
}

/** Copies the jars from Maven Central once (tools/kafka/fetch-jars.sh); a no-op when present. */
export async function ensureKafkaJars(settings: StackSettings): Promise<string> {
  if (hasKafkaJars(settings)) return kafkaLibsDir(settings);
  const script = path.join(workspaceRoot(), 'tools', 'kafka', 'fetch-jars.sh');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(script, [], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, REKEY_CACHE_DIR: settings.cacheDir, KAFKA_VERSION: settings.kafkaVersion },
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} failed with code ${code}`)),
    );
  });
  if (!hasKafkaJars(settings)) throw new Error(`No Kafka jars in ${kafkaLibsDir(settings)}`);
  return kafkaLibsDir(settings);
}
