/**
 * American Soundex (with the H/W rule), used only to group family names for blocking. It is coarse
 * on purpose: spelling variants (Smith / Smyth, Meyer / Maier) share a code, and the birth year
 * paired with it in the blocking key keeps the groups small.
 */
// Soundex digit of each letter a–z; '0' marks a vowel or H, W, Y, which carry no code.
const CODES = '01230120022455012623010202';

/** Returns '' for a name with no latin letter, so such names never block together. */
export function soundex(name: string): string {
  const letters = foldToLatin(name);
  if (letters.length === 0) return '';
  let key = letters.charAt(0).toUpperCase();
  let previous = codeOf(letters, 0);
  for (let i = 1; i < letters.length && key.length < 4; i++) {
    const letter = letters.charAt(i);
    const code = codeOf(letters, i);
    if (code !== '0') {
      if (code !== previous) key += code;
      previous = code;
    } else if (letter !== 'h' && letter !== 'w') {
      // A vowel separates two equal codes; H and W do not.
      previous = '';
    }
  }
  return key.padEnd(4, '0');
}

function codeOf(letters: string, index: number): string {
  return CODES.charAt(letters.charCodeAt(index) - 97);
}

/** Lower-case latin letters only, accents removed: "Müller-Lüdenscheidt" → "mullerludenscheidt". */
export function foldToLatin(value: string): string {
  return value
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
