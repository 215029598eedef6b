import { maskContact, maskEmail, maskPhone, MaskedContact } from './masked-contact';

describe('masking contacts', () => {
  it('keeps the first and last letters of an email address and the top-level domain', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j******e@e******.com');
  });

  it('masks a short local part entirely', () => {
    expect(maskEmail('jo@example.org')).toBe('***@e******.org');
  });

  it('keeps the country prefix and the last two digits of a phone number', () => {
    expect(maskPhone('+33 6 12 34 56 78')).toBe('+33*******78');
  });

  it('gives contacts the schema accepts, and the schema refuses a contact in clear', () => {
    expect(MaskedContact.safeParse(maskContact('email', 'jane.doe@example.com')).success).toBe(true);
    expect(MaskedContact.safeParse(maskContact('sms', '+447700900123')).success).toBe(true);
    expect(MaskedContact.safeParse({ kind: 'email', masked: 'jane.doe@example.com' }).success).toBe(false);
  });
});
