import { z } from 'zod';

/** Where a customer request came from: fraud monitoring counts velocity per address, subnet and device. */
export const ClientOrigin = z
  .object({
    ipAddress: z.union([z.ipv4(), z.ipv6()]),
    deviceId: z.string().min(1).max(128).optional().describe('A first-party device cookie, when present.'),
  })
  .describe('The origin of the customer request.');
export type ClientOrigin = z.infer<typeof ClientOrigin>;
