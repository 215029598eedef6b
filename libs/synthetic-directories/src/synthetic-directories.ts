import { mulberry32, type ContactPoint, type DirectoryRecord } from './directory-record';
import { realisticNoise, type NoiseProfile } from './realistic-noise';

/**
 * Generates a legacy and a target directory of the same population with realistic noise and a
 * known truth, for benchmarks, demos and tests: typos, changed emails, moves, transposed dates,
 * unverified contacts, households sharing an inbox, and customers on one side only. The
 * `realistic` noise profile adds what real duplicates carry (REALISTIC_NOISE_RATES).
 */
export interface SyntheticDirectories {
  legacy: DirectoryRecord[];
  target: DirectoryRecord[];
  /** Legacy id → the target id of the same person; absent when the person has no target account. */
  truth: Map<string, string>;
}

export interface SyntheticOptions {
  /** Number of people; each gets a legacy account, a target account, or both. */
  people: number;
  seed: number;
  /** The date the directories are exported; sign-in times lie before it. */
  now: Date;
  /**
   * `standard` (the default) gives, for a seed, the population it always gave. `realistic` adds
   * common names, legacy accounts without contacts, and on true pairs swapped, changed, missing
   * and first-letter-mistyped names, invalid and mistyped dates of birth, missing fields and
   * re-coded postcodes, at REALISTIC_NOISE_RATES.
   */
  noise?: NoiseProfile;
}

const SYLLABLES = (
  'an ber car dal el fer gar hol in jon kel lam mor nor ol par quin ros sten tor ul van wil xan ' +
  'yor zel bri cha dro esk fin gho har ist jak kov lin mac nik ost pet rud son'
).split(' ');
const GIVEN_NAMES = (
  'james mary john patricia robert jennifer michael linda william elizabeth david barbara richard ' +
  'susan joseph jessica thomas sarah charles karen daniel nancy matthew lisa anthony margaret mark ' +
  'sandra donald ashley steven emily paul donna andrew michelle joshua carol kenneth amanda kevin ' +
  'melissa brian deborah george stephanie timothy rebecca ronald laura amelie lukas sofia mateo ' +
  'chiara jonas ines noah maya elias zoe ravi'
).split(' ');
const DOMAINS = ['mail.example', 'post.example', 'inbox.example', 'web.example', 'net.example'];
const STREETS = ['high', 'station', 'church', 'park', 'mill', 'king', 'queen', 'bridge', 'green', 'main'];
const KINDS = ['street', 'road', 'lane', 'avenue', 'close'];
const DAY_MS = 86_400_000;

interface Person {
  given: string;
  family: string;
  dateOfBirth: string;
  email: string;
  phone: string;
  street: string;
  postalCode: string;
  locality: string;
}

export function generateSyntheticDirectories(options: SyntheticOptions): SyntheticDirectories {
  const random = mulberry32(options.seed);
  // Standard draws nothing more, so its populations stay those of every seed before profiles.
  const realistic = options.noise === 'realistic' ? realisticNoise(random) : undefined;
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const chance = (probability: number) => random() < probability;
  // Skewed choice: a few family names and postcodes are common, most are rare.
  const skewed = (size: number) => Math.floor(size * random() ** 2);
  const digits = (count: number) => String(Math.floor(random() * 10 ** count)).padStart(count, '0');
  const familyName = (index: number) =>
    syllable(index) +
    syllable(Math.floor(index / SYLLABLES.length)) +
    (index % 3 === 0 ? syllable(index * 7) : '');

  // A mailbox belongs to one person (or one household): a taken address gets a number added.
  const takenEmails = new Set<string>();
  const uniqueEmail = (localPart: string, domain: string): string => {
    let email = `${localPart}@${domain}`;
    for (let suffix = 2; takenEmails.has(email); suffix++) email = `${localPart}${suffix}@${domain}`;
    takenEmails.add(email);
    return email;
  };
  // UK mobile numbers in ranges that are allocated (074, 075, 078), so a phone library accepts
  // them; one draw each, so a seed gives the same population whatever the numbering plan.
  const mobileNumber = () => {
    const draw = Math.floor(random() * 3e8);
    return `+447${'458'.charAt(Math.floor(draw / 1e8))}${String(draw % 1e8).padStart(8, '0')}`;
  };
  const people: Person[] = [];
  for (let index = 0; index < options.people; index++) {
    // Households: one time in twenty the next person lives with the previous one and shares
    // its family name, address, and often its inbox or landline.
    const housemate = index > 0 && chance(0.05) ? people[index - 1] : undefined;
    const given = realistic ? realistic.givenName(GIVEN_NAMES) : pick(GIVEN_NAMES);
    const family = housemate?.family ?? populationFamilyName();
    const year = 1940 + Math.floor(random() * 65);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    people.push({
      given,
      family,
      dateOfBirth: `${year}-${pad(month)}-${pad(day)}`,
      email:
        housemate !== undefined && chance(0.5)
          ? housemate.email
          : uniqueEmail(`${given}.${family}${chance(0.5) ? digits(2) : ''}`, pick(DOMAINS)),
      phone: housemate !== undefined && chance(0.3) ? housemate.phone : mobileNumber(),
      street: housemate?.street ?? `${1 + Math.floor(random() * 200)} ${pick(STREETS)} ${pick(KINDS)}`,
      postalCode: housemate?.postalCode ?? `${10_000 + skewed(40_000)}`,
      locality: housemate?.locality ?? pick(['northam', 'southby', 'westfield', 'easton', 'midford']),
    });
  }

  const legacy: DirectoryRecord[] = [];
  const target: DirectoryRecord[] = [];
  const truth = new Map<string, string>();
  people.forEach((person, index) => {
    const side = random();
    const hasTarget = side >= 0.1;
    const hasLegacy = side < 0.1 || side >= 0.2;
    const targetId = `T-${index}`;
    const targetAccount = hasTarget ? targetRecord(targetId, person) : undefined;
    if (targetAccount) target.push(targetAccount);
    if (!hasLegacy) return;
    const legacyId = `L-${index}`;
    const legacyAccount = legacyRecord(legacyId, person);
    legacy.push(legacyAccount);
    if (targetAccount) truth.set(legacyId, targetId);
    if (!realistic) return;
    realistic.addToLegacy(legacyAccount);
    if (targetAccount) realistic.addToPair(person, legacyAccount, targetAccount, populationFamilyName);
  });
  return { legacy, target, truth };

  function populationFamilyName(): string {
    const rareName = () => familyName(skewed(SYLLABLES.length ** 2 * 3));
    return realistic ? realistic.familyName(rareName) : rareName();
  }

  function targetRecord(id: string, person: Person): DirectoryRecord {
    return {
      ...baseRecord('target', id),
      emails: [{ value: person.email, verified: chance(0.9) }],
      phones: chance(0.7) ? [{ value: person.phone, verified: chance(0.7) }] : [],
      givenName: person.given,
      familyName: person.family,
      dateOfBirth: chance(0.9) ? person.dateOfBirth : undefined,
      address: {
        lines: [person.street],
        locality: person.locality,
        postalCode: person.postalCode,
        country: 'GB',
      },
    };
  }

  function legacyRecord(id: string, person: Person): DirectoryRecord {
    const emails: ContactPoint[] = [];
    const emailDraw = random();
    const localPart = person.email.slice(0, person.email.indexOf('@'));
    // Same address; same handle at another provider; a new address altogether; none.
    if (emailDraw < 0.6) emails.push({ value: person.email, verified: chance(0.75) });
    else if (emailDraw < 0.72)
      emails.push({ value: `${localPart}@old-${pick(DOMAINS)}`, verified: chance(0.5) });
    else if (emailDraw < 0.9)
      emails.push({ value: `${typo(person.given)}${digits(3)}@${pick(DOMAINS)}`, verified: chance(0.5) });
    const phones: ContactPoint[] = [];
    const phoneDraw = random();
    if (phoneDraw < 0.5) phones.push({ value: person.phone, verified: chance(0.6) });
    else if (phoneDraw < 0.7) phones.push({ value: mobileNumber(), verified: chance(0.5) });
    const moved = chance(0.15);
    return {
      ...baseRecord('legacy', id),
      emails,
      phones,
      givenName: chance(0.06) ? typo(person.given) : person.given,
      familyName: chance(0.08) ? typo(person.family) : person.family,
      dateOfBirth: legacyDateOfBirth(person.dateOfBirth),
      address: chance(0.1)
        ? undefined
        : moved
          ? {
              lines: [`${1 + Math.floor(random() * 200)} ${pick(STREETS)} ${pick(KINDS)}`],
              locality: 'elsewhere',
              postalCode: `${10_000 + skewed(40_000)}`,
            }
          : { lines: [person.street], locality: person.locality, postalCode: person.postalCode },
      roles: chance(0.01) ? ['admin'] : ['customer'],
      partnerLinked: chance(0.01),
      socialProviders: chance(0.05) ? ['google'] : [],
      socialOnly: chance(0.02),
      lastLoginAt: chance(0.9)
        ? new Date(options.now.getTime() - Math.floor(random() * 1_000) * DAY_MS)
        : undefined,
    };
  }

  function legacyDateOfBirth(date: string): string | undefined {
    const draw = random();
    if (draw < 0.05) return undefined;
    const [year, month, day] = date.split('-') as [string, string, string];
    if (draw < 0.09 && Number(day) <= 12) return `${year}-${day}-${month}`;
    if (draw < 0.12) return `${year}-${month}-${pad(1 + Math.floor(random() * 28))}`;
    return date;
  }

  function typo(value: string): string {
    if (value.length < 3) return value;
    const at = 1 + Math.floor(random() * (value.length - 2));
    const kind = random();
    if (kind < 0.33) return value.slice(0, at) + value.slice(at + 1);
    if (kind < 0.66)
      return value.slice(0, at) + value.charAt(at + 1) + value.charAt(at) + value.slice(at + 2);
    return value.slice(0, at) + pick(['a', 'e', 'i', 'o', 'y']) + value.slice(at + 1);
  }

  function baseRecord(side: 'legacy' | 'target', id: string): DirectoryRecord {
    return {
      side,
      id,
      emails: [],
      phones: [],
      createdAt: new Date(options.now.getTime() - 2_000 * DAY_MS),
      roles: [],
      partnerLinked: false,
      socialProviders: [],
      mfaMethods: [],
      socialOnly: false,
    };
  }
}

function syllable(index: number): string {
  return SYLLABLES[index % SYLLABLES.length] as string;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
