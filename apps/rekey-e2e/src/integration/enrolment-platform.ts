import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LEGACY_CIAM_DEV_TOKEN, type ServiceProcess } from '@rekey/testing';
import {
  customerDirectories,
  importAndLink,
  launchWave,
  readLinks,
  type OperatorClient,
} from './journey-fixture';
import { eventually, testPorts, type TestPlatform } from './platform';

/**
 * Where the customer's browser finds each service. WebAuthn takes a host name, never an IP
 * address, as its relying party: enrollment is served on `localhost` (rpID `localhost`), and
 * reset-issuance on 127.0.0.1, another site, so neither ever receives the other's cookies.
 */
export const issuanceOrigin = `http://127.0.0.1:${testPorts['reset-issuance']}`;
export const enrollmentOrigin = `http://localhost:${testPorts.enrollment}`;

export type EnrolmentServices = Record<'identity-matching' | 'reset-issuance' | 'enrollment', ServiceProcess>;
export type MigrationServices = EnrolmentServices &
  Record<'session-revocation' | 'fraud-monitoring' | 'audit', ServiceProcess>;

const journeyEnvironment = {
  'reset-issuance': {
    RESET_BASE_URL: issuanceOrigin,
    ENROLLMENT_URL: enrollmentOrigin,
    SCHEDULER_TICK_MS: '200',
  },
  enrollment: {
    ENROLLMENT_BASE_URL: enrollmentOrigin,
    RESET_ISSUANCE_URL: `http://127.0.0.1:${testPorts['reset-issuance']}`,
    WEBAUTHN_RP_ID: 'localhost',
    WEBAUTHN_ORIGINS: enrollmentOrigin,
  },
};

/** The three services of the customer's journey, each told where the others are. */
export function startEnrolmentServices(platform: TestPlatform, mailDir: string): Promise<EnrolmentServices> {
  return platform.startServices(
    ['identity-matching', 'reset-issuance', 'enrollment'],
    { NOTIFY_TRANSPORT: 'file', NOTIFY_FILE_DIR: mailDir },
    journeyEnvironment,
  );
}

/**
 * The journey's three services plus what follows an enrolment: session-revocation, against the
 * legacy system at `legacyApiUrl` (the simulator, its development token), polling briskly,
 * fraud-monitoring and audit: all six. `environment` goes to every one (telemetry settings, say).
 */
export function startMigrationServices(
  platform: TestPlatform,
  mailDir: string,
  legacyApiUrl: string,
  environment: NodeJS.ProcessEnv = {},
): Promise<MigrationServices> {
  return platform.startServices(
    ['identity-matching', 'reset-issuance', 'enrollment', 'session-revocation', 'fraud-monitoring', 'audit'],
    { NOTIFY_TRANSPORT: 'file', NOTIFY_FILE_DIR: mailDir, ...environment },
    {
      ...journeyEnvironment,
      'session-revocation': {
        LEGACY_API_URL: legacyApiUrl,
        LEGACY_API_TOKEN: LEGACY_CIAM_DEV_TOKEN,
        REVOCATION_POLL_INTERVAL_MS: '100',
        REVOCATION_RETRY_INITIAL_MS: '100',
      },
      // Sealed briskly, so a test's few records are covered by a checkpoint within seconds.
      audit: { AUDIT_CHECKPOINT_EVERY_SECONDS: '1' },
    },
  );
}

/**
 * `count` standard customers (customerDirectories), plus two administrators, privileged and so
 * stepped up: one with a verified mobile number (a code by text message), one with an email
 * address only (support has to prove who they are).
 */
export function enrolmentDirectories(run: string, count: number) {
  const directories = customerDirectories(run, count);
  const { id, email, phone } = directories;
  const administrator = (n: number, contacts: object) => ({
    given_name: ['Margaret', 'Frances'][n],
    family_name: `Admin${n}`,
    date_of_birth: `1960-0${n + 1}-2${n}`,
    address_line1: `${n} Control Room`,
    address_postal_code: `ADM ${n}`,
    address_country: 'GB',
    ...contacts,
  });
  const withPhone = {
    emails: [{ value: email('admin-0'), verified: true }],
    phones: [{ value: phone(900), verified: true }],
  };
  const emailOnly = { emails: [{ value: email('admin-1'), verified: true }] };
  directories.legacy.push(
    { id: id('L', 'admin-0'), roles: ['admin'], ...administrator(0, withPhone) },
    { id: id('L', 'admin-1'), roles: ['admin'], ...administrator(1, emailOnly) },
  );
  directories.target.push(
    { id: id('T', 'admin-0'), ...administrator(0, withPhone) },
    { id: id('T', 'admin-1'), ...administrator(1, emailOnly) },
  );
  return { ...directories, linkable: [...directories.linkable, id('L', 'admin-0'), id('L', 'admin-1')] };
}

/** Imports and links the directories, launches one wave for every linked account, reads the links. */
export async function launchEnrolmentWave(
  call: OperatorClient,
  services: EnrolmentServices,
  token: string,
  directories: ReturnType<typeof customerDirectories>,
  mailDir: string,
): Promise<{ waveId: string; links: Map<string, string[]> }> {
  const issuance = services['reset-issuance'].url;
  await importAndLink(call, { matching: services['identity-matching'].url, issuance }, token, directories);
  const now = Date.now();
  const wave = await call<{ id: string }>('POST', `${issuance}/operator/waves`, {
    name: `enrolment ${directories.id('L', '')}`,
    cohort: { legacyAccountIds: directories.linkable },
    noticeAt: new Date(now).toISOString(),
    startsAt: new Date(now).toISOString(),
    cutoffAt: new Date(now + 7 * 86_400_000).toISOString(),
    pacePerSecond: 1_000,
  });
  const launched = await launchWave(call, issuance, wave.id, token);
  if (launched.snapshot.accountCount !== directories.linkable.length) {
    throw new Error(
      `the wave holds ${launched.snapshot.accountCount} accounts, not ${directories.linkable.length}`,
    );
  }
  const links = await eventually(async () => {
    const found = await readLinks(mailDir);
    return found.size === directories.linkable.length ? found : undefined;
  }, 60_000);
  return { waveId: wave.id, links };
}

/** The step-up code texted to `phone`, read from the file the SMS adapter wrote. */
export function readStepUpCode(mailDir: string, phone: string): Promise<string> {
  return eventually(async () => {
    for (const name of await readdir(mailDir)) {
      if (!name.startsWith('step-up-') || !name.endsWith('.txt')) continue;
      const text = await readFile(path.join(mailDir, name), 'utf8');
      const code = /Your verification code is (\d{6,8})/.exec(text)?.[1];
      if (text.split('\n')[0]?.includes(phone.slice(-4)) && code) return code;
    }
    return undefined;
  }, 30_000);
}
