import { Parser } from '@asyncapi/parser';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventRegistry } from '../catalogue';
import { DeadLetterHeaders } from '../dead-letter-headers';
import { fixtureOf } from '../fixtures/event-fixtures';
import { IdentityContactsReleasedV1 } from '../identity/contacts-released.v1';
import { allTopics, RestrictedTopics } from '../topics';
import { buildAsyncApi } from './build-asyncapi';
import {
  asyncApiPath,
  jsonSchemasFolder,
  renderAsyncApiYaml,
  renderContractDocuments,
} from './render-documents';

const root = path.resolve(__dirname, '../../../..');

function committed(relativePath: string): string | undefined {
  const full = path.join(root, relativePath);
  return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
}

describe('the published contract documents', () => {
  it('are up to date with the catalogue', () => {
    const stale = renderContractDocuments(eventRegistry)
      .filter((file) => committed(file.path) !== file.content)
      .map((file) => `${file.path} is stale: run npm run asyncapi`);
    expect(stale).toEqual([]);
  });

  it('publish no schema for an event that left the catalogue', () => {
    const expected = new Set(renderContractDocuments(eventRegistry).map((file) => path.basename(file.path)));
    const folder = path.join(root, jsonSchemasFolder);
    const leftovers = fs
      .readdirSync(folder)
      .filter((name) => name.endsWith('.json') && !expected.has(name))
      .map((name) => `${jsonSchemasFolder}/${name} has no event: run npm run asyncapi`);
    expect(leftovers).toEqual([]);
  });

  it(`validate as AsyncAPI 3 with no errors (${asyncApiPath})`, async () => {
    const { document, diagnostics } = await new Parser().parse(renderAsyncApiYaml(eventRegistry));
    const errors = diagnostics
      .filter((diagnostic) => diagnostic.severity === 0)
      .map((diagnostic) => `${diagnostic.path.join('/')}: ${diagnostic.message}`);
    expect(errors).toEqual([]);
    expect(document).toBeDefined();
    // Every event type, and the dead letter.
    expect(document?.messages().length).toBe(eventRegistry.allDefinitions().length + 1);
    const warnings = diagnostics
      .filter((diagnostic) => diagnostic.severity === 1)
      .map((diagnostic) => `${diagnostic.path.join('/')}: ${diagnostic.message}`);
    expect(warnings).toEqual([]);
  }, 60_000);
});

describe('buildAsyncApi', () => {
  interface Message {
    headers: unknown;
    payload: Record<string, unknown>;
    bindings: { kafka: { key: { description: string } } };
    examples: Array<{ headers: Record<string, string>; payload: unknown }>;
  }
  const document = buildAsyncApi(eventRegistry) as {
    servers: Record<string, { host: string; protocol: string; security?: unknown[] }>;
    channels: Record<string, { address: string; messages: Record<string, unknown>; bindings: unknown }>;
    operations: Record<string, { action: string; messages: unknown[] }>;
    components: { messages: Record<string, Message>; schemas: Record<string, Record<string, unknown>> };
  };
  const messageOf = (type: string) => document.components.messages[type]!;

  it('has one channel per topic, with its Kafka binding, and its dead-letter channel beside it', () => {
    expect(document.channels['reset']).toMatchObject({
      address: 'rekey.reset',
      bindings: { kafka: { topic: 'rekey.reset', bindingVersion: '0.5.0' } },
    });
    expect(Object.keys(document.channels['reset']?.messages ?? {})).toContain('rekey.reset.token-issued.v1');
    const addresses = Object.values(document.channels).map((channel) => channel.address);
    expect(addresses.sort()).toEqual(allTopics().sort());
    expect(document.channels['resetDeadLetters']).toMatchObject({
      address: 'rekey.reset.dlq',
      messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
    });
  });

  it('puts the contacts in clear on the restricted channels only, each naming its one reader', () => {
    expect(document.channels['identityContacts']).toMatchObject({
      address: RestrictedTopics.identityContacts,
      description: expect.stringContaining('only reset-issuance may read it'),
    });
    expect(document.channels['enrollmentContacts']).toMatchObject({
      address: RestrictedTopics.enrollmentContacts,
      description: expect.stringContaining('only enrollment may read it'),
    });
    for (const channel of ['identityContacts', 'enrollmentContacts']) {
      expect(Object.keys(document.channels[channel]?.messages ?? {})).toEqual([
        IdentityContactsReleasedV1.type,
      ]);
    }
    expect(Object.keys(document.channels['identity']?.messages ?? {})).not.toContain(
      IdentityContactsReleasedV1.type,
    );
  });

  it('describes each message with its payload schema, CloudEvents headers and Kafka key', () => {
    const message = messageOf('rekey.migration.account-migrated.v1');
    expect(message.payload).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['legacyAccountId']),
    });
    expect(message.payload).not.toHaveProperty('$schema');
    expect(message.headers).toMatchObject({
      allOf: [
        { $ref: '#/components/schemas/CloudEventsHeaders' },
        { type: 'object', properties: { ce_type: { const: 'rekey.migration.account-migrated.v1' } } },
      ],
    });
    expect(message.bindings.kafka.key.description).toContain('legacy account id');
  });

  it('documents the key of the events keyed by something else than the account', () => {
    expect(messageOf('rekey.identity.import-completed.v1').bindings.kafka.key.description).toContain(
      'import id',
    );
    expect(messageOf('rekey.reset.wave-launched.v1').bindings.kafka.key.description).toContain('wave id');
    expect(messageOf('rekey.reset.redemption-failed.v1').bindings.kafka.key.description).toContain(
      'client IP address',
    );
    expect(messageOf('rekey.audit.checkpoint-sealed.v1').bindings.kafka.key.description).toContain(
      'audit-log',
    );
  });

  it("gives every message one example, the contract tests' fixture, keyed as its producer keys it", () => {
    for (const definition of eventRegistry.allDefinitions()) {
      const fixture = fixtureOf(definition.type);
      const examples = messageOf(definition.type).examples;
      expect(examples).toHaveLength(1);
      expect(examples[0]?.payload).toEqual(fixture.data);
      expect(examples[0]?.headers).toMatchObject({ ce_type: definition.type, ce_subject: fixture.subject });
    }
  });

  it('specifies the rekey-dlq-* headers of a dead letter', () => {
    const headers = document.components.schemas['DeadLetterHeaders']!;
    expect(headers['required']).toEqual(Object.values(DeadLetterHeaders));
    expect(messageOf('DeadLetter').headers).toEqual({ $ref: '#/components/schemas/DeadLetterHeaders' });
  });

  it('names the local broker and a production one behind TLS and SASL', () => {
    expect(document.servers['local']).toMatchObject({ host: '127.0.0.1:19092', protocol: 'kafka' });
    expect(document.servers['production']).toMatchObject({
      protocol: 'kafka-secure',
      security: [{ $ref: '#/components/securitySchemes/saslScram' }],
    });
  });

  it('has a send operation per channel, covering every message of it', () => {
    expect(document.operations['sendMigrationEvents']).toMatchObject({ action: 'send' });
    expect(document.operations['sendResetEvents']?.messages).toHaveLength(
      Object.keys(document.channels['reset']?.messages ?? {}).length,
    );
    expect(document.operations['sendResetDeadLetters']).toMatchObject({ action: 'send' });
  });
});
