import { z } from 'zod';

/**
 * The linkage configuration: which pairs are compared (blocking rules), how a pair is compared
 * (comparisons and their levels), which extra attributes an export may bring, and how the model is
 * estimated. It is read from a JSON file at start-up (IDENTITY_MATCHING_LINKAGE_CONFIG), checked
 * against this schema; linkage.schema.json is this schema written out for editors and reviewers,
 * and linkage.default.json is DEFAULT_LINKAGE, the configuration the matching benchmark measures.
 */

const ATTRIBUTE_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const RULE_NAME = /^[a-z0-9][a-z0-9+_-]{0,62}$/;

/**
 * The rules that found a pair are one bit each of a mask stored in a signed 32-bit column: 30
 * keeps every mask positive.
 */
export const MAX_BLOCKING_RULES = 30;

/** What a blocking key can be made of. Multi-valued parts (tokens, contacts) give one key each. */
export const KEY_PARTS = [
  'given_name',
  'family_name',
  'given_soundex',
  'family_soundex',
  'given_soundex_tail',
  'family_soundex_tail',
  'given_soundex_digits',
  'family_soundex_digits',
  'given_initial',
  'family_initial',
  'names_soundex_unordered',
  'date_of_birth',
  'date_of_birth_unordered',
  'birth_year',
  'birth_month_day',
  'postcode',
  'street_number',
  'address_token',
  'street_line',
  'locality',
  'email',
  'email_local_part',
  'phone',
] as const;
export type BuiltInKeyPart = (typeof KEY_PARTS)[number];
/** A built-in part, or `attribute:<name>` of a declared extra attribute. */
export type KeyPart = BuiltInKeyPart | `attribute:${string}`;

export const COMPARED_FIELDS = [
  'given_name',
  'family_name',
  'date_of_birth',
  'postcode',
  'address',
  'email',
  'phone',
] as const;
export type BuiltInField = (typeof COMPARED_FIELDS)[number];
export type ComparedFieldName = BuiltInField | `attribute:${string}`;

const comparedField = z.union([
  z.enum(COMPARED_FIELDS),
  z.templateLiteral(['attribute:', z.string().regex(ATTRIBUTE_NAME)]),
]);
const threshold = z.number().gt(0).lt(1);

const levelSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('exact') }),
  z.strictObject({ type: z.literal('swapped') }).describe('the name equals the other side’s other name'),
  z.strictObject({ type: z.literal('jaro_winkler'), threshold }),
  z.strictObject({ type: z.literal('initial') }).describe('one side is the initial of the other'),
  z.strictObject({ type: z.literal('day_month_transposed') }),
  z.strictObject({ type: z.literal('one_digit') }).describe('the dates differ in one digit of YYYYMMDD'),
  z.strictObject({ type: z.literal('same_year') }),
  z
    .strictObject({
      type: z.literal('token_overlap'),
      threshold,
      samePostcode: z.boolean().optional().describe('and the postcodes agree'),
    })
    .describe('Dice coefficient of the address tokens'),
  z.strictObject({ type: z.literal('same_postcode') }),
  z.strictObject({ type: z.literal('same_local_part') }),
  z.strictObject({ type: z.literal('similar_local_part'), threshold }),
]);
export type LevelSpec = z.infer<typeof levelSchema>;
export type LevelType = LevelSpec['type'];

/** The level types each field accepts, in addition to its implicit "missing" and "different". */
export const LEVELS_OF_FIELD: Record<BuiltInField | 'attribute', readonly LevelType[]> = {
  given_name: ['exact', 'swapped', 'jaro_winkler', 'initial'],
  family_name: ['exact', 'swapped', 'jaro_winkler', 'initial'],
  date_of_birth: ['exact', 'day_month_transposed', 'one_digit', 'same_year'],
  postcode: ['exact'],
  address: ['token_overlap', 'same_postcode'],
  email: ['exact', 'same_local_part', 'similar_local_part'],
  phone: ['exact'],
  attribute: ['exact'],
};
/** Fields whose agreement can be weighed by how common the value is (an address: its postcode). */
const TERM_FREQUENCY_FIELDS: ReadonlySet<string> = new Set([
  'given_name',
  'family_name',
  'postcode',
  'address',
  'attribute',
]);

const comparisonSchema = z.strictObject({
  name: z.string().regex(RULE_NAME),
  field: comparedField,
  levels: z.array(levelSchema).min(1).max(8),
  termFrequency: z.boolean().default(false).describe('weigh exact agreement by the value’s frequency'),
});
export type ComparisonSpec = z.infer<typeof comparisonSchema>;

const blockingRuleSchema = z.strictObject({
  name: z.string().regex(RULE_NAME),
  keys: z
    .array(z.union([z.enum(KEY_PARTS), z.templateLiteral(['attribute:', z.string().regex(ATTRIBUTE_NAME)])]))
    .min(1)
    .max(4),
  maxBlockSize: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('overrides blocking.maxBlockSize for this rule'),
  whenMissing: comparedField
    .optional()
    .describe(
      'the rule proposes a pair only when this field is missing on one side at least (names alone, for records without a date of birth)',
    ),
});
export type BlockingRuleSpec = z.infer<typeof blockingRuleSchema>;

const extraAttributeSchema = z.strictObject({
  name: z.string().regex(ATTRIBUTE_NAME),
  description: z.string().max(500).optional(),
});

const estimationSchema = z.strictObject({
  randomPairs: z.number().int().min(1_000).max(100_000_000),
  seed: z.number().int().nonnegative(),
  maxIterations: z.number().int().min(1).max(1_000),
  tolerance: z.number().gt(0).lt(0.1),
  probabilityFloor: z.number().gt(0).lt(0.01),
  trainingRules: z
    .array(z.string())
    .min(1)
    .describe('blocking rules whose pairs train m, each holding out its own fields'),
});
export type EstimationSettings = z.infer<typeof estimationSchema>;

export const linkageConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    blocking: z.strictObject({
      maxBlockSize: z.number().int().positive().describe('a key shared by more target records is skipped'),
      candidatesPerRecord: z
        .number()
        .int()
        .positive()
        .describe('the most candidate pairs one legacy record gets'),
      rules: z.array(blockingRuleSchema).min(1).max(MAX_BLOCKING_RULES),
    }),
    comparisons: z.array(comparisonSchema).min(1).max(12),
    extraAttributes: z.array(extraAttributeSchema).max(20).default([]),
    estimation: estimationSchema,
  })
  .superRefine((config, context) => {
    const problem = (path: (string | number)[], message: string) =>
      context.addIssue({ code: 'custom', path, message });
    const attributes = new Set(config.extraAttributes.map((attribute) => attribute.name));
    const unique = (names: string[], path: string) =>
      names.forEach((name, index) => {
        if (names.indexOf(name) !== index) problem([path, index, 'name'], `${name} is named twice`);
      });
    unique(
      config.extraAttributes.map((attribute) => attribute.name),
      'extraAttributes',
    );
    unique(
      config.comparisons.map((comparison) => comparison.name),
      'comparisons',
    );
    unique(
      config.blocking.rules.map((rule) => rule.name),
      'blocking.rules',
    );
    const undeclared = (reference: string) =>
      reference.startsWith('attribute:') && !attributes.has(reference.slice('attribute:'.length));
    config.comparisons.forEach((comparison, index) => {
      if (undeclared(comparison.field))
        problem(['comparisons', index, 'field'], `${comparison.field} is not a declared extra attribute`);
      const kind = comparison.field.startsWith('attribute:')
        ? 'attribute'
        : (comparison.field as BuiltInField);
      comparison.levels.forEach((level, levelIndex) => {
        if (!LEVELS_OF_FIELD[kind].includes(level.type))
          problem(
            ['comparisons', index, 'levels', levelIndex, 'type'],
            `${comparison.field} has no ${level.type} level (it has ${LEVELS_OF_FIELD[kind].join(', ')})`,
          );
      });
      if (comparison.termFrequency && !TERM_FREQUENCY_FIELDS.has(kind))
        problem(
          ['comparisons', index, 'termFrequency'],
          `${comparison.field} cannot be weighed by term frequency`,
        );
    });
    config.blocking.rules.forEach((rule, index) => {
      rule.keys.forEach((key, keyIndex) => {
        if (undeclared(key))
          problem(['blocking', 'rules', index, 'keys', keyIndex], `${key} is not a declared extra attribute`);
      });
      if (rule.whenMissing !== undefined && undeclared(rule.whenMissing))
        problem(
          ['blocking', 'rules', index, 'whenMissing'],
          `${rule.whenMissing} is not a declared extra attribute`,
        );
    });
    const ruleNames = new Set(config.blocking.rules.map((rule) => rule.name));
    config.estimation.trainingRules.forEach((name, index) => {
      if (!ruleNames.has(name))
        problem(['estimation', 'trainingRules', index], `${name} is not one of the blocking rules`);
    });
  });

export type LinkageConfig = z.infer<typeof linkageConfigSchema>;
