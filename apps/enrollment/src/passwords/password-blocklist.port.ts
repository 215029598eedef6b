export type { PasswordBlocklist } from './domain/password-policy';

/** The list of common and breached passwords checkPassword consults (adapters/password-blocklist.ts). */
export const PASSWORD_BLOCKLIST = Symbol('PasswordBlocklist');
