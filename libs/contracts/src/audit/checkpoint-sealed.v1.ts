import { z } from 'zod';
import { defineEvent, type EventData } from '../define-event';

export const AuditCheckpointSealedV1 = defineEvent(
  'rekey.audit.checkpoint-sealed.v1',
  'audit',
  z
    .object({
      checkpointId: z.uuid(),
      firstSequence: z.number().int().positive(),
      lastSequence: z.number().int().positive(),
      recordCount: z
        .number()
        .int()
        .positive()
        .describe(
          'Records the checkpoint seals: lastSequence - firstSequence + 1, the chain having no gaps.',
        ),
      rootHash: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .describe('SHA-256 (hex) of the last record of the range, which chains every record before it.'),
      signatureKeyId: z.string().min(1).max(255).describe('The Ed25519 key that signed the checkpoint.'),
      signature: z
        .base64url()
        .describe(
          'Ed25519 signature, base64url, over the RFC 8785 (JCS) serialisation of {chain: "audit-log", checkpointId, firstSequence, lastSequence, recordCount, rootHash, sealedAt, signatureKeyId}.',
        ),
      sealedAt: z.iso.datetime(),
    })
    .refine((checkpoint) => checkpoint.lastSequence >= checkpoint.firstSequence, {
      message: 'lastSequence must not be before firstSequence',
      path: ['lastSequence'],
    }),
  {
    description:
      'The audit log sealed a signed checkpoint over a range of records; anyone with the public key can check the chain up to it.',
    subject: 'The constant `audit-log`: checkpoints of the one chain stay in order.',
  },
);
export type AuditCheckpointSealedV1 = EventData<typeof AuditCheckpointSealedV1>;
