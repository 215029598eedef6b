import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The service's source files, relative to src/. */
function sourceFiles(directory: string, relative = ''): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const name = path.join(relative, entry.name);
    if (entry.isDirectory()) return sourceFiles(path.join(directory, entry.name), name);
    return entry.name.endsWith('.ts') ? [name] : [];
  });
}

/**
 * SQL that writes the journey table, in any case and spacing, quoted or schema-qualified or not;
 * `journey_id`, `journey_moved` and other names that start with the word are not the table.
 */
const writesJourney =
  /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|MERGE\s+INTO)\s+(?:ONLY\s+)?(?:"?public"?\.)?"?journey"?(?![\w"])/i;

/** Where journey rows may be written: the journeys module, the schema, and test code. */
function mayWriteJourneys(file: string): boolean {
  const [top] = file.split(path.sep);
  return (
    top === 'journeys' ||
    top === 'migrations' ||
    top === 'integration' ||
    top === 'testing' ||
    file.endsWith('.spec.ts')
  );
}

describe('writes to the journey table', () => {
  it('are all in the journeys module, so the transition table decides every change', () => {
    const writers = sourceFiles(__dirname).filter(
      (file) =>
        !mayWriteJourneys(file) && writesJourney.test(readFileSync(path.join(__dirname, file), 'utf8')),
    );

    expect(writers).toEqual([]);
  });

  it.each([
    'INSERT INTO journey (id) VALUES ($1)',
    'insert into journey(id) values ($1)',
    'UPDATE journey j SET status = $1',
    'update\n  journey set status = $1',
    'UPDATE ONLY public.journey SET status = $1',
    'UPDATE "journey" SET status = $1',
    'DELETE FROM journey WHERE id = $1',
    'TRUNCATE journey, wave',
    'MERGE INTO journey j USING x ON true',
  ])('finds a write in %j', (sql) => {
    expect(writesJourney.test(sql)).toBe(true);
  });

  it.each([
    'SELECT id FROM journey WHERE wave_id = $1',
    'UPDATE reset_token SET journey_id = $1',
    'UPDATE journey_moved SET x = 1',
    'INSERT INTO notice (journey_id) SELECT j.id FROM journey j',
    'DELETE FROM journey_archive',
  ])('lets %j be', (sql) => {
    expect(writesJourney.test(sql)).toBe(false);
  });

  it('lets only test code, the schema and the journeys module write', () => {
    expect(mayWriteJourneys(path.join('journeys', 'adapters', 'journey-rows.sql.ts'))).toBe(true);
    expect(mayWriteJourneys(path.join('integration', 'customer-journey.fixture.ts'))).toBe(true);
    expect(mayWriteJourneys(path.join('waves', 'adapters', 'typeorm-wave-store.adapter.ts'))).toBe(false);
    expect(mayWriteJourneys(path.join('issuance', 'journeys', 'sneaky.ts'))).toBe(false);
  });
});
