import { Parser } from '@asyncapi/parser';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventRegistry } from '../catalogue';
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
    expect(document?.messages().length).toBe(eventRegistry.allDefinitions().length);
  }, 60_000);
});

describe('buildAsyncApi', () => {
  const document = buildAsyncApi(eventRegistry) as {
    channels: Record<string, { address: string; messages: Record<string, unknown>; bindings: unknown }>;
    operations: Record<string, { action: string; messages: unknown[] }>;
    components: {
      messages: Record<string, { headers: unknown; payload: Record<string, unknown>; bindings: unknown }>;
    };
  };

  it('has one channel per topic, with its Kafka binding', () => {
    expect(document.channels['reset']).toMatchObject({
      address: 'rekey.reset',
      bindings: { kafka: { topic: 'rekey.reset', bindingVersion: '0.5.0' } },
    });
    expect(Object.keys(document.channels['reset']?.messages ?? {})).toContain('rekey.reset.token-issued.v1');
  });

  it('describes each message with its payload schema, CloudEvents headers and Kafka key', () => {
    const message = document.components.messages['rekey.migration.account-migrated.v1'];
    expect(message?.payload).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['legacyAccountId']),
    });
    expect(message?.payload).not.toHaveProperty('$schema');
    expect(message?.headers).toEqual({
      allOf: [
        { $ref: '#/components/schemas/CloudEventsHeaders' },
        {
          type: 'object',
          properties: { ce_type: { type: 'string', const: 'rekey.migration.account-migrated.v1' } },
        },
      ],
    });
    expect(message?.bindings).toMatchObject({ kafka: { key: { type: 'string' } } });
  });

  it('has a send operation per producing area, covering every message of its channel', () => {
    expect(document.operations['sendMigrationEvents']).toMatchObject({ action: 'send' });
    expect(document.operations['sendResetEvents']?.messages).toHaveLength(
      Object.keys(document.channels['reset']?.messages ?? {}).length,
    );
  });
});
