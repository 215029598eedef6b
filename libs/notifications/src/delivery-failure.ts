/**
 * What may be logged of a transport's failure: its name and codes, never its message, which
 * transports fill with the recipient's address or the refused message (nodemailer's "Can't send
 * mail - all recipients were rejected: 550 <…@…>", for one).
 */
export function deliveryFailureFields(error: unknown): {
  errorName?: unknown;
  errorCode?: unknown;
  responseCode?: unknown;
} {
  const { code, responseCode, name } = (error ?? {}) as {
    code?: unknown;
    responseCode?: unknown;
    name?: unknown;
  };
  return { errorName: name, errorCode: code, responseCode };
}
