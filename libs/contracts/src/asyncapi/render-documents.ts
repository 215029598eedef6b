import { stringify } from 'yaml';
import type { EventRegistry } from '../registry';
import { buildAsyncApi } from './build-asyncapi';

/*
 * Kept out of the package's index on purpose: `yaml` is a build-time dependency, and services
 * importing @rekey/contracts must not need it at run time.
 */

export const asyncApiPath = 'docs/asyncapi.yaml';
export const jsonSchemasFolder = 'docs/schemas';

export interface GeneratedFile {
  /** Relative to the workspace root. */
  path: string;
  content: string;
}

const generatedNotice = '# Generated from libs/contracts by `npm run asyncapi`. Do not edit by hand.\n';

export function renderAsyncApiYaml(registry: EventRegistry): string {
  return generatedNotice + stringify(buildAsyncApi(registry), { lineWidth: 0 });
}

export function renderJsonSchemaFiles(registry: EventRegistry): GeneratedFile[] {
  return registry.allDefinitions().map((definition) => ({
    path: `${jsonSchemasFolder}/${definition.type}.json`,
    content: `${JSON.stringify(registry.jsonSchemaOf(definition.type), null, 2)}\n`,
  }));
}

/** Everything the generator writes: the AsyncAPI document and one JSON Schema per event type. */
export function renderContractDocuments(registry: EventRegistry): GeneratedFile[] {
  return [{ path: asyncApiPath, content: renderAsyncApiYaml(registry) }, ...renderJsonSchemaFiles(registry)];
}
