import { z } from 'zod';

export const StepUpReasons = ['privileged', 'delegated', 'shared_contact', 'fraud_flag'] as const;

export const StepUpMethod = z
  .enum(['one_time_passcode', 'support_proofing'])
  .describe('A one-time passcode to another verified channel, or proofing by a support agent.');
