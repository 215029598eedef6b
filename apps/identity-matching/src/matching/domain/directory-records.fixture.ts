import type { DirectoryRecord } from '../../directory/domain/directory-record';

/** Builders for the specs: a plain customer account, changed only where a test says so. */
export function aLegacyRecord(overrides: Partial<DirectoryRecord> & { id: string }): DirectoryRecord {
  return { ...plainAccount('legacy'), ...overrides };
}

export function aTargetRecord(overrides: Partial<DirectoryRecord> & { id: string }): DirectoryRecord {
  return { ...plainAccount('target'), ...overrides };
}

export const verified = (value: string) => ({ value, verified: true });
export const unverified = (value: string) => ({ value, verified: false });

function plainAccount(side: DirectoryRecord['side']): Omit<DirectoryRecord, 'id'> {
  return {
    side,
    emails: [],
    phones: [],
    roles: ['customer'],
    partnerLinked: false,
    socialProviders: [],
    mfaMethods: [],
    socialOnly: false,
    lastLoginAt: new Date('2026-05-01T00:00:00Z'),
  };
}
