import { z } from 'zod';

/** NIST SP 800-63B authenticator assurance level reached by the customer's new credentials. */
export const AssuranceLevel = z.enum(['aal1', 'aal2', 'aal3']);
export type AssuranceLevel = z.infer<typeof AssuranceLevel>;
