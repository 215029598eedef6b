/**
 * A downstream application's reader of the public stream: a plain kafkajs consumer of its own
 * group, reading rekey.migration from the beginning, that checks each message against the
 * published AsyncAPI document (docs/asyncapi.yaml) as a strict consumer would, with nothing of
 * Rekey's code on the reading side.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { parse } from 'yaml';

export interface DownstreamMessage {
  key: string;
  type: string;
  headers: Record<string, string>;
  payload: Record<string, unknown>;
  /** What the AsyncAPI document's schemas say is wrong with it: empty when it conforms. */
  problems: string[];
}

interface AsyncApiDocument {
  components: {
    schemas: Record<string, object>;
    messages: Record<string, { payload: object; headers: object }>;
  };
}

export class DownstreamConsumer {
  readonly messages: DownstreamMessage[] = [];
  private readonly validators = new Map<string, { payload: ValidateFunction; headers: ValidateFunction }>();
  private readonly document: AsyncApiDocument;
  private readonly ajv: Ajv;
  private consumer: Consumer | undefined;

  constructor(
    private readonly brokers: string[],
    private readonly topic: string,
  ) {
    const root = path.resolve(__dirname, '../../../..');
    this.document = parse(readFileSync(path.join(root, 'docs/asyncapi.yaml'), 'utf8')) as AsyncApiDocument;
    // AsyncAPI's schema format is a superset of draft-07: payloads are read as that draft, strictly.
    this.ajv = new Ajv({ strict: true, allErrors: true });
    addFormats(this.ajv);
    for (const [name, schema] of Object.entries(this.document.components.schemas))
      this.ajv.addSchema(schema, `#/components/schemas/${name}`);
  }

  async start(): Promise<void> {
    const kafka = new Kafka({
      clientId: 'downstream-app',
      brokers: this.brokers,
      logLevel: logLevel.NOTHING,
    });
    this.consumer = kafka.consumer({ groupId: `downstream-app-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value ?? '')]),
        );
        const payload = JSON.parse(message.value?.toString('utf8') ?? 'null') as Record<string, unknown>;
        const type = headers['ce_type'] ?? '';
        this.messages.push({
          key: message.key?.toString() ?? '',
          type,
          headers,
          payload,
          problems: this.problemsOf(type, headers, payload),
        });
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private problemsOf(type: string, headers: Record<string, string>, payload: unknown): string[] {
    const validator = this.validatorOf(type);
    if (!validator) return [`${type || '(no ce_type)'} is not a message of the AsyncAPI document`];
    const problems: string[] = [];
    if (!validator.headers(headers))
      problems.push(
        ...(validator.headers.errors ?? []).map((error) => `headers${error.instancePath} ${error.message}`),
      );
    if (!validator.payload(payload))
      problems.push(
        ...(validator.payload.errors ?? []).map((error) => `payload${error.instancePath} ${error.message}`),
      );
    return problems;
  }

  private validatorOf(type: string) {
    let validator = this.validators.get(type);
    const message = this.document.components.messages[type];
    if (!validator && message) {
      validator = { payload: this.ajv.compile(message.payload), headers: this.ajv.compile(message.headers) };
      this.validators.set(type, validator);
    }
    return validator;
  }
}
