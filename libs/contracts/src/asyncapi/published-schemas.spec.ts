import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { eventRegistry } from '../catalogue';
import { fixtureOf } from '../fixtures/event-fixtures';
import { jsonSchemasFolder, asyncApiPath } from './render-documents';

const root = path.resolve(__dirname, '../../../..');

/** A consumer's validator as strict as Ajv gets: unknown formats and keywords are errors. */
function strictValidator<T extends Ajv>(ajv: T): T {
  addFormats(ajv);
  return ajv;
}

describe('the published JSON Schemas, as a strict consumer reads them', () => {
  const ajv = strictValidator(new Ajv2020({ strict: true, allErrors: true }));
  const files = fs.readdirSync(path.join(root, jsonSchemasFolder)).filter((name) => name.endsWith('.json'));

  it.each(files)('%s compiles in strict mode and accepts its fixture', (name) => {
    const schema = JSON.parse(fs.readFileSync(path.join(root, jsonSchemasFolder, name), 'utf8'));
    const validate = ajv.compile(schema);
    const fixture = fixtureOf(schema.title);
    expect(validate(fixture.data) ? [] : validate.errors).toEqual([]);
  });

  it('refuses data its schema refuses, so the check above can fail', () => {
    const schema = JSON.parse(
      fs.readFileSync(path.join(root, jsonSchemasFolder, 'rekey.fraud.signal-raised.v1.json'), 'utf8'),
    );
    const validate = ajv.compile(schema);
    const fixture = fixtureOf('rekey.fraud.signal-raised.v1').data as Record<string, unknown>;
    expect(validate({ ...fixture, scope: { subnet: '198.51.100.0/33' } })).toBe(false);
    expect(validate({ ...fixture, signalId: 'not-a-uuid' })).toBe(false);
  });

  it('uses only the formats JSON Schema defines', () => {
    const formats = new Set<string>();
    for (const name of files) {
      const text = fs.readFileSync(path.join(root, jsonSchemasFolder, name), 'utf8');
      for (const match of text.matchAll(/"format": "([^"]+)"/g)) formats.add(match[1]!);
    }
    expect([...formats].sort()).toEqual(['date-time', 'ipv4', 'ipv6', 'uuid']);
  });
});

describe('the AsyncAPI document, as a strict consumer reads it', () => {
  const document = parse(fs.readFileSync(path.join(root, asyncApiPath), 'utf8')) as {
    components: {
      schemas: Record<string, object>;
      messages: Record<
        string,
        { payload: object; headers: object; examples: Array<{ headers: object; payload: unknown }> }
      >;
    };
  };
  // AsyncAPI's schema format is a superset of draft-07: its payloads are read as that draft.
  const ajv = strictValidator(new Ajv({ strict: true, allErrors: true }));
  for (const [name, schema] of Object.entries(document.components.schemas)) {
    ajv.addSchema(schema, `#/components/schemas/${name}`);
  }
  const types = eventRegistry.allDefinitions().map((definition) => definition.type);

  it.each(types)('%s: payload and headers compile in strict mode and accept the example', (type) => {
    const message = document.components.messages[type]!;
    const payload = ajv.compile(message.payload);
    const headers = ajv.compile(message.headers);
    const [example] = message.examples;
    expect(payload(example?.payload) ? [] : payload.errors).toEqual([]);
    expect(headers(example?.headers) ? [] : headers.errors).toEqual([]);
  });

  it('specifies dead-letter headers that its example carries', () => {
    const message = document.components.messages['DeadLetter']!;
    const headers = ajv.compile(message.headers);
    const [example] = message.examples;
    expect(headers(example?.headers) ? [] : headers.errors).toEqual([]);
    expect(headers({ 'rekey-dlq-reason': 'x' })).toBe(false);
  });
});
