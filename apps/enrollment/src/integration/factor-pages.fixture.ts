import { Secret } from 'otpauth';
import { TotpSecret, totpCodeForStep, totpStepAt } from '../totp/domain/totp-secret';
import type { EnrollmentGrantSubject } from '@rekey/enrollment-grant';
import { aJourney, CustomerClient, type EnrollmentUnderTest } from './enrollment.fixture';

/** A customer whose grant was exchanged, on the methods page. */
export async function customerOnMethodsPage(
  enrollment: EnrollmentUnderTest,
  journey: EnrollmentGrantSubject = aJourney(),
): Promise<{ customer: CustomerClient; journey: EnrollmentGrantSubject; methods: string }> {
  const customer = new CustomerClient(enrollment);
  const exchanged = await customer.exchange(await enrollment.grants.sign(journey));
  if (exchanged.status !== 303) throw new Error(`grant exchange answered ${exchanged.status}`);
  const methods = await (await customer.page('/enroll/methods')).text();
  return { customer, journey, methods };
}

/** Opens the TOTP page, keeps its CSRF token, and reads the secret the customer would type. */
export async function openTotpPage(customer: CustomerClient): Promise<{ html: string; secret: TotpSecret }> {
  const response = await customer.page('/enroll/totp');
  if (response.status !== 200) throw new Error(`/enroll/totp answered ${response.status}`);
  const html = await response.text();
  const { secret, csrfToken } = totpFormOf(html);
  customer.csrfToken = csrfToken;
  return { html, secret };
}

/** The secret a TOTP page shows for typing, and its form's CSRF token. */
export function totpFormOf(html: string): { secret: TotpSecret; csrfToken: string } {
  const typed = /<p class="secret" id="totp-key">([A-Z2-7 ]+)<\/p>/.exec(html)?.[1];
  const csrfToken = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!typed || !csrfToken) throw new Error('the TOTP page shows no key or no CSRF token');
  return { secret: TotpSecret.fromBytes(Secret.fromBase32(typed.replace(/ /g, '')).bytes), csrfToken };
}

/** The code an authenticator app shows `offset` steps from now. */
export function codeFor(secret: TotpSecret, offset = 0): string {
  return totpCodeForStep(secret, totpStepAt(new Date()) + offset);
}

export async function enrolmentStatus(
  enrollment: EnrollmentUnderTest,
  journeyId: string,
): Promise<string | undefined> {
  const { rows } = await enrollment.db.query<{ status: string }>(
    `SELECT status FROM enrolment WHERE journey_id = $1`,
    [journeyId],
  );
  return rows[0]?.status;
}
