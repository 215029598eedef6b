import { passwordContextWords } from './context-words';

export interface KnownCustomer {
  /** The target account's id: the customer may know it, and it is theirs. */
  targetAccountId: string;
  /**
   * The customer's names and email addresses. Enrollment does not receive them yet (the grant
   * carries ids only): when the linked identity's name and email reach it, pass them here and
   * every password check refuses them too.
   */
  names?: readonly string[];
  emails?: readonly string[];
}

/** The context words a new password must not contain, from what enrollment knows of the customer. */
export function enrolmentContextWords(customer: KnownCustomer, serviceName: string): string[] {
  return passwordContextWords({
    names: [...(customer.names ?? []), customer.targetAccountId],
    emails: customer.emails ?? [],
    serviceName,
  });
}
