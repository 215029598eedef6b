import { MAXIMUM_CODE_POINTS, minimumLength } from './password-limits';

/** The stable code of each password rule, what the page and the problem document carry. */
export const PASSWORD_RULE_CODES = [
  'password.too-short',
  'password.too-long',
  'password.blocklisted',
  'password.context-word',
  'password.control-character',
  'password.malformed-text',
] as const;

export type PasswordRuleCode = (typeof PASSWORD_RULE_CODES)[number];

export interface PasswordRuleSituation {
  /** The customer also enrols a second factor (TOTP), which lowers the minimum length. */
  secondFactor: boolean;
}

/**
 * What the page says when a password breaks a rule: plain words, second person, what to do next.
 * They name the rule, never the password, nor which name or word of the customer's it contained
 * (someone looking over a shoulder learns nothing from the page).
 */
export function wordsForPasswordRule(code: PasswordRuleCode, situation: PasswordRuleSituation): string {
  switch (code) {
    case 'password.too-short':
      return `Your password needs at least ${minimumLength(situation.secondFactor)} characters. A few unrelated words with spaces between them make a long password that is easy to remember.`;
    case 'password.too-long':
      return `Your password can have at most ${MAXIMUM_CODE_POINTS} characters. Choose a shorter one.`;
    case 'password.blocklisted':
      return 'This password is on a list of common or leaked passwords that attackers try first. Choose another one.';
    case 'password.context-word':
      return 'Your password must not contain your name, your email address or the name of this service. Choose another one.';
    case 'password.control-character':
      return 'Your password contains a character that is not text, such as a tab or a line break (often left by copying and pasting). Remove it and type the password again. Spaces, accents and emoji are fine.';
    case 'password.malformed-text':
      return 'Your password could not be read as text. Type it again.';
  }
}

/** What the form says before anything is typed: every rule the customer must meet, and no others. */
export function passwordGuidance(situation: PasswordRuleSituation): string {
  return `Use at least ${minimumLength(situation.secondFactor)} characters. Any characters are fine, including spaces, accents and emoji; there is no need for digits or symbols. Avoid common passwords and your own name or email address.`;
}
