import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { eventually } from './platform';

/** Operator calls with one bearer token; a refusal fails the test with the problem document. */
export function operatorClient(token: string) {
  return async <T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> => {
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json()) as T;
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
}

export type OperatorClient = ReturnType<typeof operatorClient>;

/**
 * `count` customers present in both directories with one verified email and one verified mobile
 * number each (so they link deterministically; links go to the email), plus two legacy accounts
 * sharing one inbox, under ids unique to `run`.
 */
export function customerDirectories(run: string, count: number) {
  const id = (side: 'L' | 'T', n: number | string) => `e2e-${run}-${side}-${n}`;
  const email = (n: number | string) => `customer.${n}.${run}@mail.example`;
  // Ofcom's London range for drama (020 7946 0000-0999): never a real subscriber.
  const phone = (n: number) => `+44207946${String(n % 1000).padStart(4, '0')}`;
  const person = (n: number) => ({
    given_name: ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald'][n % 6],
    family_name: `Family${n}`,
    date_of_birth: `19${50 + (n % 40)}-0${1 + (n % 9)}-1${n % 10}`,
    address_line1: `${n} High Street`,
    address_postal_code: `E2E ${n}`,
    address_country: 'GB',
  });
  const legacy: object[] = [];
  const target: object[] = [];
  for (let n = 0; n < count; n++) {
    const contacts = {
      emails: [{ value: email(n), verified: true }],
      phones: [{ value: phone(n), verified: true }],
    };
    legacy.push({ id: id('L', n), ...person(n), ...contacts });
    target.push({ id: id('T', n), ...person(n), ...contacts });
  }
  const household = email('household');
  legacy.push({ id: id('L', 'h1'), ...person(count + 1), emails: [{ value: household, verified: true }] });
  legacy.push({ id: id('L', 'h2'), ...person(count + 2), emails: [{ value: household, verified: true }] });
  target.push({ id: id('T', 'h1'), ...person(count + 1), emails: [{ value: household, verified: true }] });
  const linkable = [...Array(count).keys()].map((n) => id('L', n));
  return { legacy, target, id, email, phone, linkable };
}

/** Imports both directories, runs the matching, and waits until reset-issuance has the new links. */
export async function importAndLink(
  call: OperatorClient,
  urls: { matching: string; issuance: string },
  token: string,
  directories: { legacy: object[]; target: object[]; linkable: string[] },
): Promise<void> {
  const eligible = async () =>
    (await call<{ eligibleAccounts: number }>('GET', `${urls.issuance}/operator/eligible-accounts/summary`))
      .eligibleAccounts;
  const before = await eligible();
  for (const directory of ['legacy', 'target'] as const) {
    const response = await fetch(
      `${urls.matching}/operator/imports?directory=${directory}&fileName=${directory}.ndjson`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        body: directories[directory].map((line) => JSON.stringify(line)).join('\n'),
      },
    );
    if (response.status !== 201) throw new Error(`import ${directory}: ${response.status}`);
  }
  const started = await call<{ id: string }>('POST', `${urls.matching}/operator/match-runs`);
  const finished = await eventually(async () => {
    const state = await call<{ status: string }>('GET', `${urls.matching}/operator/match-runs/${started.id}`);
    return state.status === 'running' ? undefined : state;
  }, 60_000);
  if (finished.status !== 'completed') throw new Error(`match run ${started.id} ${finished.status}`);
  // The links reach reset-issuance through Kafka.
  await eventually(
    async () => ((await eligible()) >= before + directories.linkable.length ? true : undefined),
    60_000,
  );
}

/** Recipient → the tokens of every reset link the file adapter wrote to them, oldest first. */
export async function readLinks(dir: string): Promise<Map<string, string[]>> {
  const messages: Array<{ date: number; recipient: string; token: string }> = [];
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.eml')) continue;
    const message = await simpleParser(await readFile(path.join(dir, name)));
    const token = /\/reset#t=([A-Za-z0-9_-]{43})/.exec(message.text ?? '')?.[1];
    const to = Array.isArray(message.to) ? message.to[0] : message.to;
    const recipient = to?.value[0]?.address;
    if (token && recipient) messages.push({ date: message.date?.getTime() ?? 0, recipient, token });
  }
  messages.sort((first, second) => first.date - second.date);
  const links = new Map<string, string[]>();
  for (const { recipient, token } of messages) links.set(recipient, [...(links.get(recipient) ?? []), token]);
  return links;
}

export interface LaunchedWave {
  id: string;
  status: string;
  snapshot: { accountCount: number; skippedInOpenJourney: number; notEligible: number };
}

/**
 * Asks for the wave's launch, which is accepted at once (202, the wave `launching`), and follows
 * the wave until it is launched.
 */
export async function launchWave(
  call: OperatorClient,
  issuanceUrl: string,
  waveId: string,
  token: string,
): Promise<LaunchedWave> {
  const response = await fetch(`${issuanceUrl}/operator/waves/${waveId}/launch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  const requested = (await response.json()) as { status: string };
  if (response.status !== 202 || requested.status !== 'launching') {
    throw new Error(`the launch was answered ${response.status} with ${JSON.stringify(requested)}`);
  }
  return eventually(async () => {
    const wave = await call<LaunchedWave>('GET', `${issuanceUrl}/operator/waves/${waveId}`);
    return wave.status === 'launched' ? wave : undefined;
  }, 30_000);
}
