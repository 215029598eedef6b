import { z } from 'zod';
import { allEventDefinitions, eventRegistry } from './catalogue';
import { defineEvent, type EventDefinition } from './define-event';
import { eventJsonSchema, type JsonSchema } from './json-schema';
import { IdentityContactsReleasedV1 } from './identity/contacts-released.v1';
import { VERIFIED_CONTACT_DESCRIPTION } from './identity/verified-contact';
import { isRestrictedTopic, RestrictedTopics, Topics } from './topics';

const secretLooking = /token|code|secret|password|hash/i;

/** Facts that only look like secrets: allowed by name, with the reason. */
const allowedFields: Record<string, string[]> = {
  // The public digest of the audit chain, published so that anyone can verify it.
  'rekey.audit.checkpoint-sealed.v1': ['rootHash'],
  // The stable code of the last legacy-system failure (`legacy.unavailable`), an error code.
  'rekey.session.revocation-stalled.v1': ['lastErrorCode'],
};

function propertyPaths(schema: JsonSchema, prefix = ''): string[] {
  const paths: string[] = [];
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  for (const [name, child] of Object.entries(properties)) {
    paths.push(`${prefix}${name}`);
    paths.push(...propertyPaths(child, `${prefix}${name}.`));
  }
  const items = schema['items'] as JsonSchema | undefined;
  if (items) paths.push(...propertyPaths(items, `${prefix}[].`));
  for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
    for (const branch of (schema[keyword] ?? []) as JsonSchema[])
      paths.push(...propertyPaths(branch, prefix));
  }
  return paths;
}

function secretLookingFields(definition: EventDefinition): string[] {
  const allowed = allowedFields[definition.type] ?? [];
  return propertyPaths(eventJsonSchema(definition)).filter(
    (path) => secretLooking.test(path.split('.').pop() ?? '') && !allowed.includes(path),
  );
}

describe('the event catalogue', () => {
  it('carries no field named like a token, code, secret, password or hash', () => {
    const offenders = allEventDefinitions.flatMap((definition) =>
      secretLookingFields(definition).map((path) => `${definition.type}: ${path}`),
    );
    expect(offenders).toEqual([]);
  });

  it('would catch such a field, however deep', () => {
    const leaky = defineEvent(
      'rekey.reset.leaked.v1',
      'reset',
      z.object({ delivery: z.object({ attempts: z.array(z.object({ resetToken: z.string() })) }) }),
      { description: 'A test event.' },
    );
    expect(secretLookingFields(leaky)).toEqual(['delivery.attempts.[].resetToken']);
  });

  it('has a registry holding every definition', () => {
    expect(eventRegistry.allDefinitions()).toEqual(allEventDefinitions);
  });

  it('covers every area with at least one event', () => {
    const areas = new Set(allEventDefinitions.map((definition) => definition.area));
    expect([...areas].sort()).toEqual(Object.keys(Topics).sort());
  });

  it('names each event in the past tense of its area, with its version', () => {
    for (const definition of allEventDefinitions) {
      expect(definition.type).toMatch(
        new RegExp(`^rekey\\.${definition.area}\\.[a-z-]+\\.v${definition.version}$`),
      );
    }
  });

  it('carries contacts in clear only on restricted topics', () => {
    const inClear = allEventDefinitions
      .filter((definition) =>
        JSON.stringify(eventJsonSchema(definition)).includes(VERIFIED_CONTACT_DESCRIPTION),
      )
      .map((definition) => `${definition.type} on ${definition.topics.join(', ')}`);
    expect(inClear).toEqual([
      `${IdentityContactsReleasedV1.type} on ${RestrictedTopics.identityContacts}, ${RestrictedTopics.enrollmentContacts}`,
    ]);
    expect(
      allEventDefinitions.filter((definition) => definition.topics.some((topic) => isRestrictedTopic(topic))),
    ).toEqual([IdentityContactsReleasedV1]);
    // Several topics only for restricted data: an area event has its area's topic alone.
    expect(
      allEventDefinitions.filter(
        (definition) =>
          definition.topics.length > 1 && !definition.topics.every((topic) => isRestrictedTopic(topic)),
      ),
    ).toEqual([]);
  });

  it('gives every event a JSON Schema of an object with required fields', () => {
    for (const definition of allEventDefinitions) {
      const schema = eventRegistry.jsonSchemaOf(definition.type);
      expect(schema['type']).toBe('object');
      expect((schema['required'] as string[]).length).toBeGreaterThan(0);
    }
  });

  it('masks every contact it carries', () => {
    const contactSchemas = allEventDefinitions.flatMap((definition) =>
      propertyPaths(eventJsonSchema(definition))
        .filter((path) => /email|phone|address/i.test(path) && !/ipAddress/.test(path))
        .map((path) => `${definition.type}: ${path}`),
    );
    expect(contactSchemas).toEqual([]);
  });
});
