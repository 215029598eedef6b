/**
 * Jaro-Winkler similarity, written over char codes with buffers reused between calls: blocking
 * produces millions of candidate pairs and each compares two or three strings, so a call must not
 * allocate. Names are short; the buffers grow on the rare long input.
 */
let matchedInFirst = new Uint8Array(64);
let matchedInSecond = new Uint8Array(64);

const PREFIX_SCALE = 0.1;
const MAX_PREFIX = 4;
// Winkler's boost only lifts strings that are already alike; below this Jaro score it is not applied.
const BOOST_THRESHOLD = 0.7;

export function jaroWinkler(first: string, second: string): number {
  if (first === second) return first.length === 0 ? 0 : 1;
  const jaro = jaroSimilarity(first, second);
  if (jaro < BOOST_THRESHOLD) return jaro;
  const limit = Math.min(MAX_PREFIX, first.length, second.length);
  let prefix = 0;
  while (prefix < limit && first.charCodeAt(prefix) === second.charCodeAt(prefix)) prefix++;
  return jaro + prefix * PREFIX_SCALE * (1 - jaro);
}

export function jaroSimilarity(first: string, second: string): number {
  const firstLength = first.length;
  const secondLength = second.length;
  if (firstLength === 0 || secondLength === 0) return 0;
  if (firstLength > matchedInFirst.length) matchedInFirst = new Uint8Array(firstLength * 2);
  if (secondLength > matchedInSecond.length) matchedInSecond = new Uint8Array(secondLength * 2);
  matchedInFirst.fill(0, 0, firstLength);
  matchedInSecond.fill(0, 0, secondLength);

  const window = Math.max(0, Math.floor(Math.max(firstLength, secondLength) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < firstLength; i++) {
    const code = first.charCodeAt(i);
    const from = Math.max(0, i - window);
    const to = Math.min(secondLength - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (matchedInSecond[j] === 0 && second.charCodeAt(j) === code) {
        matchedInFirst[i] = 1;
        matchedInSecond[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;

  let outOfOrder = 0;
  let j = 0;
  for (let i = 0; i < firstLength; i++) {
    if (matchedInFirst[i] === 0) continue;
    while (matchedInSecond[j] === 0) j++;
    if (first.charCodeAt(i) !== second.charCodeAt(j)) outOfOrder++;
    j++;
  }
  const transpositions = outOfOrder / 2;
  return (matches / firstLength + matches / secondLength + (matches - transpositions) / matches) / 3;
}

/**
 * The most Jaro-Winkler similarity two strings of these lengths can reach (every character of the
 * shorter one matched in order, the full prefix boost): below a threshold, the pair need not be
 * compared at all. Most random pairs of email handles are told apart by length alone.
 */
function jaroWinklerBound(firstLength: number, secondLength: number): number {
  if (firstLength === 0 || secondLength === 0) return 0;
  const shorter = Math.min(firstLength, secondLength);
  const jaro = (shorter / firstLength + shorter / secondLength + 1) / 3;
  return jaro + MAX_PREFIX * PREFIX_SCALE * (1 - jaro);
}

/**
 * A cheaper bound than computing Jaro-Winkler: Jaro's matches cannot exceed the characters of
 * either string whose letter occurs in the other. Two names sharing few letters are known to be
 * different without the quadratic scan (random pairs are nearly all such pairs).
 */
export function jaroWinklerCouldReach(first: string, second: string, threshold: number): boolean {
  if (jaroWinklerBound(first.length, second.length) < threshold) return false;
  const firstLetters = lettersOf(first);
  const secondLetters = lettersOf(second);
  const matches = Math.min(countIn(first, secondLetters), countIn(second, firstLetters));
  if (matches === 0) return false;
  const jaro = (matches / first.length + matches / second.length + 1) / 3;
  return jaro + MAX_PREFIX * PREFIX_SCALE * (1 - jaro) >= threshold;
}

/** A 32-bit set of the string's characters, folded by their code modulo 32 (a superset is safe). */
function lettersOf(value: string): number {
  let letters = 0;
  for (let i = 0; i < value.length; i++) letters |= 1 << (value.charCodeAt(i) & 31);
  return letters;
}

function countIn(value: string, letters: number): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) if ((letters & (1 << (value.charCodeAt(i) & 31))) !== 0) count++;
  return count;
}
