import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The service's source files, tests included, relative to src/. */
function sourceFiles(directory: string, relative = ''): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const name = path.join(relative, entry.name);
    if (entry.isDirectory()) return sourceFiles(path.join(directory, entry.name), name);
    return entry.name.endsWith('.ts') ? [name] : [];
  });
}

/**
 * reset-issuance.definition.ts imports the root module and so every module: a module importing it
 * back (for its configuration type) makes a cycle. Modules read their own configuration slice
 * (issuance.environment.ts, waves.environment.ts, customer-journey.environment.ts) instead.
 */
describe('reset-issuance.definition.ts', () => {
  it('is imported only by the entry point and the specs that start the whole service', () => {
    const importers = sourceFiles(__dirname).filter((file) =>
      /from '[./]+\/reset-issuance\.definition'/.test(readFileSync(path.join(__dirname, file), 'utf8')),
    );

    expect(importers).toContain('main.ts');
    expect(
      importers.filter((file) => file !== 'main.ts' && !file.startsWith(`integration${path.sep}`)),
    ).toEqual([]);
  });
});
