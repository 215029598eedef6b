import { z } from 'zod';

/** Ids as the legacy and target directories issue them: opaque strings, not necessarily UUIDs. */
export const LegacyAccountId = z.string().min(1).max(512).describe('The account id in the legacy CIAM.');
export const TargetAccountId = z.string().min(1).max(512).describe('The account id in the target CIAM.');

export const JourneyId = z.uuid().describe("One legacy account's reset journey within one wave.");
export const WaveId = z.uuid().describe('The reset wave the journey belongs to.');
