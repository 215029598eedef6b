import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureLocalStack } from '@rekey/testing';
import { isolatedTopics } from './messaging-fixture';
import { ProbeRecordedV1 } from './probe-event';

const root = path.resolve(__dirname, '../../../..');

function runClientProcess(brokers: string[], topicPrefix: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        path.join(root, 'tools/register.cjs'),
        path.join(__dirname, 'kafka-client.process.ts'),
        brokers.join(','),
        topicPrefix,
      ],
      // No NODE_OPTIONS: no --disable-warning can hide what the process prints.
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('a Kafka client process of ours', () => {
  it("prints neither Node's negative-timeout warning nor kafkajs's idempotent-producer warning", async () => {
    const brokers = (await ensureLocalStack()).kafkaBrokers;
    const topicPrefix = await isolatedTopics([ProbeRecordedV1.topic]);
    const { code, stdout, stderr } = await runClientProcess(brokers, topicPrefix);
    expect({ code, stdout }).toEqual({ code: 0, stdout: 'done\n' });
    expect(stderr).not.toContain('TimeoutNegativeWarning');
    expect(stderr).not.toContain('Limiting retries for the idempotent producer');
    expect(stderr).not.toMatch(/Warning:/);
  }, 90_000);
});
