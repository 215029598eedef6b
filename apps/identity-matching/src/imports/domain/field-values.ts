/**
 * Parsers for the values of one directory line. A CSV line gives every value as text; an NDJSON
 * line may give the JSON form instead (true, a list). Each parser returns the clean value or
 * throws InvalidValue with a reason that quotes what it found, so the sender can fix the line.
 */
export class InvalidValue extends Error {}

const MAX_QUOTED = 60;

/** The value as it appeared, quoted and cut short: a reason stays one readable line. */
export function quote(value: string): string {
  const shown = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
  return JSON.stringify(shown);
}

function isAbsent(value: unknown): value is undefined | null | '' {
  return value === undefined || value === null || value === '';
}

/** Trimmed, Unicode NFC text, or undefined when empty. */
export function parseText(value: unknown, maxLength: number): string | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'string') throw new InvalidValue('must be text');
  const text = value.trim().normalize('NFC');
  if (text.length > maxLength) throw new InvalidValue(`is longer than ${maxLength} characters`);
  return text === '' ? undefined : text;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/** true/false, yes/no, y/n, 1/0 in any case; empty means false. */
export function parseBoolean(value: unknown): boolean {
  if (isAbsent(value)) return false;
  if (typeof value === 'boolean') return value;
  const word =
    typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : '';
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word) || word === '') return false;
  throw new InvalidValue(
    `${typeof value === 'string' ? quote(value) : 'this value'} is not a yes/no value; write true or false`,
  );
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date written YYYY-MM-DD. */
export function parseDate(value: unknown): string | undefined {
  const text = parseText(value, 30);
  if (text === undefined) return undefined;
  if (isCalendarDate(text)) return text;
  throw new InvalidValue(`${quote(text)} is not a calendar date written YYYY-MM-DD`);
}

function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// The time zone is required: a bare local time would place every sign-in hours off for some accounts.
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

export function parseTimestamp(value: unknown): Date | undefined {
  const text = parseText(value, 40);
  if (text === undefined) return undefined;
  if (ISO_TIMESTAMP.test(text)) {
    const date = new Date(text.replace(' ', 'T'));
    if (!Number.isNaN(date.getTime()) && isCalendarDate(text.slice(0, 10))) return date;
  }
  throw new InvalidValue(
    `${quote(text)} is not an ISO 8601 timestamp with a time zone, e.g. 2024-05-01T09:30:00Z`,
  );
}

/**
 * A list written as `a;b;c` in CSV, or a JSON array of strings: items trimmed, empty ones and
 * repeats dropped, order kept.
 */
export function parseList(
  value: unknown,
  options: { maxItems: number; maxLength: number; lowerCase?: boolean },
): string[] {
  if (isAbsent(value)) return [];
  const items = typeof value === 'string' ? value.split(';') : value;
  if (!Array.isArray(items) || items.some((item) => typeof item !== 'string')) {
    throw new InvalidValue('must be text separated by ";" or a list of texts');
  }
  const seen = new Set<string>();
  for (const item of items as string[]) {
    let text = item.trim().normalize('NFC');
    if (options.lowerCase) text = text.toLowerCase();
    if (text === '') continue;
    if (text.length > options.maxLength) {
      throw new InvalidValue(`${quote(text)} is longer than ${options.maxLength} characters`);
    }
    seen.add(text);
  }
  if (seen.size > options.maxItems) throw new InvalidValue(`has more than ${options.maxItems} items`);
  return [...seen];
}

/** ISO 3166-1 alpha-2, upper-cased. */
export function parseCountryCode(value: unknown): string | undefined {
  const text = parseText(value, 60);
  if (text === undefined) return undefined;
  if (/^[a-z]{2}$/i.test(text)) return text.toUpperCase();
  throw new InvalidValue(`${quote(text)} is not a two-letter ISO 3166-1 country code, e.g. GB`);
}
