import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Reads a development secret, creating it on first use. Written aside then linked into place, so
 * when replicas race one secret wins and all of them use it. Development only: a plain file.
 */
export async function readOrCreateSecretFile(file: string, create: () => string): Promise<string> {
  const existing = await readIfPresent(file);
  if (existing !== undefined) return existing;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const draft = `${file}.${randomUUID()}.tmp`;
  await writeFile(draft, create(), { mode: 0o600 });
  try {
    await link(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(draft, { force: true });
  }
  const stored = await readIfPresent(file);
  if (stored === undefined) throw new Error(`The development secret ${file} vanished while it was created`);
  return stored;
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
