export interface ContextWordSources {
  /** The customer's names as the directory holds them: "Ada", "King-Lovelace", "Ada Lovelace". */
  names: readonly (string | undefined)[];
  /** Every email address of the customer's; only the local part is a context word. */
  emails: readonly (string | undefined)[];
  /** The name customers know the service by, as the page shows it. */
  serviceName: string;
}

// Letters (with their combining marks) and digits: what is left of a name or a local part once
// its separators (spaces, hyphens, apostrophes, dots, plus signs, underscores) are taken out.
const wordPieces = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * The words a password must not contain (NIST SP 800-63B §3.1.1.2 "context-specific words"):
 * each whole name, email local part and service name, and each piece of them ("King-Lovelace"
 * gives "King" and "Lovelace", "ada.king" gives "ada" and "king"). Words too short to count are
 * left in: checkPassword decides which are long enough, in the normalised form it compares in.
 */
export function passwordContextWords(sources: ContextWordSources): string[] {
  const localParts = sources.emails
    .filter((email): email is string => typeof email === 'string')
    .map(localPartOf);
  const wholes = [...sources.names, ...localParts, sources.serviceName]
    .filter((text): text is string => typeof text === 'string')
    .map((text) => text.trim())
    .filter((text) => text !== '');
  const pieces = wholes.flatMap((text) => text.match(wordPieces) ?? []);
  return [...new Set([...wholes, ...pieces])];
}

function localPartOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at > 0 ? email.slice(0, at) : email;
}
