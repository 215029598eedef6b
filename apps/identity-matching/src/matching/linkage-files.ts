import { z } from 'zod';
import { DEFAULT_LINKAGE } from './domain/default-linkage';
import { linkageConfigSchema } from './domain/linkage-config';

/** The two files beside identity-matching's README, as `npm run linkage:files` writes them. */
export function linkageFiles(): Record<'linkage.default.json' | 'linkage.schema.json', string> {
  const schema = z.toJSONSchema(linkageConfigSchema, { io: 'input', unrepresentable: 'any' });
  return {
    'linkage.default.json': `${JSON.stringify({ $schema: './linkage.schema.json', ...DEFAULT_LINKAGE }, null, 2)}\n`,
    'linkage.schema.json': `${JSON.stringify(
      { ...schema, title: 'Rekey identity-matching linkage configuration' },
      null,
      2,
    )}\n`,
  };
}
