import { linkageConfigSchema, type LinkageConfig } from './linkage-config';

/**
 * The configuration a run uses when none is given, and the one the matching benchmark measures
 * (written out as apps/identity-matching/linkage.default.json). Rules come most specific first:
 * once a legacy record has `candidatesPerRecord` candidates, later rules add no more.
 */
// Given and family names are graded alike.
const NAME_LEVELS = [
  { type: 'exact' },
  { type: 'swapped' },
  { type: 'jaro_winkler', threshold: 0.92 },
  { type: 'initial' },
  { type: 'jaro_winkler', threshold: 0.8 },
] as const;

export const DEFAULT_LINKAGE: LinkageConfig = linkageConfigSchema.parse({
  blocking: {
    maxBlockSize: 200,
    candidatesPerRecord: 300,
    rules: [
      { name: 'email', keys: ['email'] },
      { name: 'phone', keys: ['phone'] },
      { name: 'family-soundex+birth-date', keys: ['family_soundex', 'date_of_birth_unordered'] },
      // A surname changed by marriage, or left out.
      { name: 'given-soundex+birth-date', keys: ['given_soundex', 'date_of_birth_unordered'] },
      // Given and family names swapped, whatever the day of birth.
      { name: 'names-unordered+birth-year', keys: ['names_soundex_unordered', 'birth_year'] },
      // A typo in a first letter changes a Soundex; the code of the rest of the name survives it.
      { name: 'name-tails+birth-year', keys: ['given_soundex_tail', 'family_soundex_tail', 'birth_year'] },
      // Both names changed: the date of birth with one initial, and alone where its block is small
      // (in a million people, a day of birth is shared by about thirty).
      { name: 'birth-date+given-initial', keys: ['date_of_birth', 'given_initial'] },
      { name: 'birth-date+family-initial', keys: ['date_of_birth', 'family_initial'] },
      { name: 'birth-date', keys: ['date_of_birth'], maxBlockSize: 20 },
      { name: 'postcode', keys: ['postcode'], maxBlockSize: 20 },
      // Moved along the street, or the postcode re-coded: the house number and street stay.
      { name: 'street+locality', keys: ['street_line', 'locality'], maxBlockSize: 50 },
      // A mistyped year: the names with the day and month.
      { name: 'names-soundex+birth-day', keys: ['given_soundex', 'family_soundex', 'birth_month_day'] },
      // No date of birth on one side: the names alone, each rule robust to a different mistake.
      ...[
        { name: 'names-soundex', keys: ['given_soundex', 'family_soundex'], maxBlockSize: 400 },
        { name: 'given-name+family-digits', keys: ['given_name', 'family_soundex_digits'], maxBlockSize: 50 },
        { name: 'given-digits+family-name', keys: ['given_soundex_digits', 'family_name'], maxBlockSize: 50 },
        { name: 'family-name', keys: ['family_name'], maxBlockSize: 50 },
        { name: 'given-name+family-initial', keys: ['given_name', 'family_initial'], maxBlockSize: 50 },
      ].map((rule) => ({ ...rule, whenMissing: 'date_of_birth' })),
      { name: 'email-local-part', keys: ['email_local_part'] },
    ],
  },
  comparisons: [
    {
      name: 'given_name',
      field: 'given_name',
      termFrequency: true,
      levels: NAME_LEVELS,
    },
    {
      name: 'family_name',
      field: 'family_name',
      termFrequency: true,
      levels: NAME_LEVELS,
    },
    {
      name: 'date_of_birth',
      field: 'date_of_birth',
      levels: [
        { type: 'exact' },
        { type: 'day_month_transposed' },
        { type: 'one_digit' },
        { type: 'same_year' },
      ],
    },
    {
      name: 'address',
      field: 'address',
      termFrequency: true,
      levels: [
        { type: 'token_overlap', threshold: 0.8, samePostcode: true },
        { type: 'same_postcode' },
        { type: 'token_overlap', threshold: 0.8 },
        { type: 'token_overlap', threshold: 0.4 },
      ],
    },
    {
      name: 'email',
      field: 'email',
      levels: [
        { type: 'exact' },
        { type: 'same_local_part' },
        { type: 'similar_local_part', threshold: 0.88 },
      ],
    },
    { name: 'phone', field: 'phone', levels: [{ type: 'exact' }] },
  ],
  extraAttributes: [],
  estimation: {
    randomPairs: 1_000_000,
    seed: 20_260_101,
    maxIterations: 100,
    tolerance: 1e-6,
    probabilityFloor: 1e-6,
    trainingRules: ['birth-date+family-initial', 'postcode'],
  },
});
