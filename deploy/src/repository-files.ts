import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const repositoryRoot = path.resolve(__dirname, '..', '..');

export function repositoryPath(...segments: string[]): string {
  return path.join(repositoryRoot, ...segments);
}

export function readRepositoryFile(...segments: string[]): string {
  return readFileSync(repositoryPath(...segments), 'utf8');
}

/** Parses YAML as Docker Compose and kubectl do: merge keys (`<<: *anchor`) are expanded. */
export function parseYaml(text: string): unknown {
  return parse(text, { merge: true });
}

export function parseYamlDocuments(text: string): unknown[] {
  return parseAllDocuments(text, { merge: true }).map((document) => {
    if (document.errors.length > 0) throw new Error(document.errors.map(String).join('\n'));
    return document.toJS();
  });
}
