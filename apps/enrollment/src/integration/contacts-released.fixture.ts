import {
  createEvent,
  IdentityContactsReleasedV1,
  RestrictedTopics,
  type VerifiedContact,
} from '@rekey/contracts';
import { SoftwareAuthenticator } from '@rekey/webauthn-authenticator';
import type { aJourney, EnrollmentUnderTest } from './enrollment.fixture';
import { customerOnPasskeyPage, prove, registerPasskey } from './passkey-ceremony.fixture';

/** identity matching's copy of a link's contacts for enrollment, on enrollment's own restricted topic. */
export function contactsReleased(
  legacyAccountId: string,
  verifiedContacts: VerifiedContact[],
  time = new Date(),
) {
  return createEvent(
    IdentityContactsReleasedV1,
    {
      legacyAccountId,
      targetAccountId: `target-${legacyAccountId}`,
      targetAccountCreated: false,
      segment: 'standard',
      segments: ['standard'],
      band: 'high',
      verifiedContacts,
    },
    { source: 'identity-matching', subject: legacyAccountId, topic: RestrictedTopics.enrollmentContacts },
    () => time,
  );
}

/** The contacts enrollment stored for the account, if any. */
export async function storedContacts(
  enrollment: EnrollmentUnderTest,
  legacyAccountId: string,
): Promise<VerifiedContact[] | undefined> {
  const { rows } = await enrollment.db.query<{ verified_contacts: VerifiedContact[] }>(
    `SELECT verified_contacts FROM account_contact WHERE legacy_account_id = $1`,
    [legacyAccountId],
  );
  return rows[0]?.verified_contacts;
}

/** A customer enrols a passkey and proves it: the enrolment is finished. */
export async function enrolWithPasskey(
  enrollment: EnrollmentUnderTest,
  journey: ReturnType<typeof aJourney>,
) {
  const { customer } = await customerOnPasskeyPage(enrollment, journey);
  const device = new SoftwareAuthenticator();
  const { proof } = await registerPasskey(customer, device, enrollment.origin);
  const proved = await prove(customer, device.getAssertion(proof, enrollment.origin));
  if (proved.status !== 200) throw new Error(`the proving sign-in answered ${proved.status}`);
}
