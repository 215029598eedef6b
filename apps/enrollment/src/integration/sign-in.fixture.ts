import { randomInt } from 'node:crypto';
import type { EnrollmentGrantSubject } from '@rekey/enrollment-grant';
import { SoftwareAuthenticator } from '@rekey/webauthn-authenticator';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { TotpSecret } from '../totp/domain/totp-secret';
import { aJourney, type EnrollmentUnderTest } from './enrollment.fixture';
import { customerOnMethodsPage, openTotpPage, codeFor, totpFormOf } from './factor-pages.fixture';
import { customerOnPasskeyPage, prove, registerPasskey } from './passkey-ceremony.fixture';

export const BRIDGE_PASSWORD = 'a quiet octopus paints the harbour';
export const SECOND_FACTOR_PASSWORD = 'violet harbour';

/** A client address of its own (the service trusts one proxy), so tests' limits stay apart. */
export function anAddress(subnet = `10.${randomInt(256)}.${randomInt(256)}`): string {
  return `${subnet}.${randomInt(1, 255)}`;
}

/** A browser on the sign-in page: its cookies (attempt, then signed-in) and the page's CSRF token. */
export class SignInBrowser {
  private readonly cookies = new Map<string, string>();
  csrfToken = '';

  constructor(
    private readonly enrollment: Pick<EnrollmentUnderTest, 'url' | 'origin'>,
    readonly address = anAddress(),
  ) {}

  async open(): Promise<string> {
    const html = await (await this.get('/sign-in')).text();
    this.csrfToken = /data-csrf="([^"]+)"/.exec(html)![1]!;
    return html;
  }

  async get(route: string): Promise<Response> {
    return this.keep(
      await fetch(`${this.enrollment.url}${route}`, { redirect: 'manual', headers: this.headers() }),
    );
  }

  async postJson(route: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(
      await fetch(`${this.enrollment.url}${route}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': this.csrfToken,
          ...this.headers(),
          ...headers,
        },
        body: JSON.stringify(body),
      }),
    );
  }

  async postForm(route: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return this.keep(
      await fetch(`${this.enrollment.url}${route}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...this.headers(), ...headers },
        body: new URLSearchParams({ csrf: this.csrfToken, ...fields }).toString(),
      }),
    );
  }

  /** The password form, as typed. */
  signInWithPassword(account: string, password: string, code?: string): Promise<Response> {
    return this.postForm('/sign-in/password', { account, password, ...(code ? { code } : {}) });
  }

  async passkeyOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const response = await this.postJson('/sign-in/passkey/options', {});
    if (response.status !== 200) throw new Error(`options answered ${response.status}`);
    return (await response.json()) as PublicKeyCredentialRequestOptionsJSON;
  }

  private headers(): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return {
      origin: this.enrollment.origin,
      'x-forwarded-for': this.address,
      ...(cookie ? { cookie } : {}),
    };
  }

  private keep(response: Response): Response {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      this.cookies.set(name!, value!);
    }
    return response;
  }
}

/** A customer who enrolled a passkey (and proved it): the device holds it. */
export async function enrolledPasskey(enrollment: EnrollmentUnderTest) {
  const { customer, journey } = await customerOnPasskeyPage(enrollment);
  const device = new SoftwareAuthenticator();
  const { proof } = await registerPasskey(customer, device, enrollment.origin);
  const proved = await prove(customer, device.getAssertion(proof, enrollment.origin));
  if (proved.status !== 200) throw new Error(`proof answered ${proved.status}`);
  return { journey, device };
}

/** The codes a recovery-codes page shows. */
export function recoveryCodesOf(html: string): string[] {
  const list = /<ul class="codes"[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li>([^<]+)<\/li>/g)].map((match) => match[1]!);
}

/** A customer who enrolled a bridging password alone (AAL1), and the recovery codes they saved. */
export async function enrolledBridgePassword(
  enrollment: EnrollmentUnderTest,
): Promise<EnrollmentGrantSubject & { recoveryCodes: string[] }> {
  const journey = aJourney({
    policy: { minimumAssurance: 'aal1', passwordBridgeEndsAt: new Date(Date.now() + 30 * 86_400_000) },
  });
  const { customer } = await customerOnMethodsPage(enrollment, journey);
  await customer.readCsrfToken('/enroll/password');
  const saved = await customer.postForm('/enroll/password', { password: BRIDGE_PASSWORD });
  if (saved.status !== 303) throw new Error(`password answered ${saved.status}`);
  const recoveryCodes = recoveryCodesOf(await (await customer.page('/enroll/recovery-codes')).text());
  return { ...journey, recoveryCodes };
}

/** A customer who enrolled an authenticator app and an 8-character password (AAL2). */
export async function enrolledTotpAndPassword(
  enrollment: EnrollmentUnderTest,
): Promise<{ journey: EnrollmentGrantSubject; secret: TotpSecret }> {
  const { customer, journey } = await customerOnMethodsPage(enrollment);
  const { secret } = await openTotpPage(customer);
  const confirmed = await customer.postForm('/enroll/totp', { code: codeFor(secret) });
  if (confirmed.status !== 303) throw new Error(`TOTP answered ${confirmed.status}`);
  await customer.readCsrfToken('/enroll/password');
  const saved = await customer.postForm('/enroll/password', { password: SECOND_FACTOR_PASSWORD });
  if (saved.status !== 303) throw new Error(`password answered ${saved.status}`);
  return { journey, secret };
}

/** A signed-in browser adds a passkey from the account page; the device that holds it. */
export async function addPasskeyFromAccount(
  browser: SignInBrowser,
  origin: string,
): Promise<{ device: SoftwareAuthenticator; answers: Response[] }> {
  const account = await (await browser.get('/account')).text();
  browser.csrfToken = /id="add-passkey" data-csrf="([^"]+)"/.exec(account)![1]!;
  const device = new SoftwareAuthenticator();
  const options = await browser.postJson('/account/passkey/options', {});
  if (options.status !== 200) throw new Error(`options answered ${options.status}`);
  const registration = device.createCredential(
    (await options.json()) as PublicKeyCredentialCreationOptionsJSON,
    origin,
  );
  const added = await browser.postJson('/account/passkey', registration);
  // The same response again: its challenge is spent.
  const replayed = await browser.postJson('/account/passkey', registration);
  return { device, answers: [added, replayed] };
}

/** A signed-in browser opens the account's authenticator-app page: the secret it shows. */
export async function openAccountTotpPage(browser: SignInBrowser): Promise<TotpSecret> {
  const page = await browser.get('/account/totp');
  if (page.status !== 200) throw new Error(`/account/totp answered ${page.status}`);
  const { secret, csrfToken } = totpFormOf(await page.text());
  browser.csrfToken = csrfToken;
  return secret;
}

/** A bridge-password customer signs in and adds an authenticator app from the account page. */
export async function addTotpFromAccount(
  enrollment: Pick<EnrollmentUnderTest, 'url' | 'origin'>,
  journey: EnrollmentGrantSubject,
): Promise<{ browser: SignInBrowser; secret: TotpSecret; code: string; added: Response }> {
  const browser = new SignInBrowser(enrollment);
  await browser.open();
  const signedIn = await browser.signInWithPassword(journey.targetAccountId, BRIDGE_PASSWORD);
  if (signedIn.status !== 303) throw new Error(`sign-in answered ${signedIn.status}`);
  const secret = await openAccountTotpPage(browser);
  const code = codeFor(secret);
  const added = await browser.postForm('/account/totp', { code });
  return { browser, secret, code, added };
}

/** Signs in with the passkey the device holds; the assertion's answer. */
export async function signInWithPasskey(
  enrollment: Pick<EnrollmentUnderTest, 'url' | 'origin'>,
  device: SoftwareAuthenticator,
): Promise<Response> {
  const browser = new SignInBrowser(enrollment);
  await browser.open();
  return browser.postJson(
    '/sign-in/passkey',
    device.getAssertion(await browser.passkeyOptions(), enrollment.origin),
  );
}
