import { RekeyError } from '@rekey/problem-details';
import {
  wordsForPasswordRule,
  type PasswordRuleCode,
  type PasswordRuleSituation,
} from './password-rule-words';

/**
 * A candidate password broke one rule. Neither the message (for logs) nor the detail (for the
 * customer) holds the password, its length or the context word it contained: only the rule.
 */
export class PasswordRefused extends RekeyError {
  constructor(
    readonly rule: PasswordRuleCode,
    // Only the minimum length depends on it; the hasher's refusals have no second factor to know of.
    situation: PasswordRuleSituation = { secondFactor: false },
  ) {
    super(rule, `password refused by rule ${rule}`, { detail: wordsForPasswordRule(rule, situation) });
  }
}
