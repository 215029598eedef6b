import { renderTotpQrCode } from './domain/totp-qr-code';
import { totpSecretForTyping, totpUri, type TotpSecret } from './domain/totp-secret';

/** What the set-up page shows of a pending secret: the QR code and the key for typing. */
export interface TotpSetUp {
  qrSvg: string;
  typedSecret: string;
}

// Identifies nobody (see totpUri): the issuer says which service the codes are for.
const ACCOUNT_LABEL = 'Your account';

export async function totpSetUpOf(secret: TotpSecret, issuer: string): Promise<TotpSetUp> {
  const uri = totpUri(secret, { issuer, accountLabel: ACCOUNT_LABEL });
  return {
    qrSvg: await renderTotpQrCode(uri, { title: `QR code to add ${issuer} to your authenticator app` }),
    typedSecret: totpSecretForTyping(secret),
  };
}
