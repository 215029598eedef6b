import { createHash } from 'node:crypto';
import { newLinkRequestHash, requestedAddressOf } from './new-link-request';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

describe('the hash of a new-link request', () => {
  it('is the SHA-256 of the normalised address, as eligible contacts are indexed', () => {
    expect(newLinkRequestHash('email', 'jane@example.com')).toEqual(sha256('email:jane@example.com'));
  });

  it('ignores case and surrounding spaces', () => {
    expect(newLinkRequestHash('email', '  Jane@Example.COM ')).toEqual(
      newLinkRequestHash('email', 'jane@example.com'),
    );
  });

  it('treats Unicode compatibility forms as the same address', () => {
    // Fullwidth letters and the "ﬁ" ligature are NFKC-equivalent to plain ASCII.
    expect(newLinkRequestHash('email', 'ｊａｎｅ@ex\uFB01.com')).toEqual(
      newLinkRequestHash('email', 'jane@exfi.com'),
    );
  });

  it('keeps different addresses apart', () => {
    expect(newLinkRequestHash('email', 'jane@example.com')).not.toEqual(
      newLinkRequestHash('email', 'john@example.com'),
    );
  });
});

describe('the address of a new-link form', () => {
  it('is the trimmed email field', () => {
    expect(requestedAddressOf({ email: ' jane@example.com ' })).toBe('jane@example.com');
  });

  it('is undefined for anything that is not an address', () => {
    for (const body of [
      {},
      { email: 'not an address' },
      { email: ['a@b.c'] },
      { email: `${'a'.repeat(250)}@b.co` },
      null,
    ])
      expect(requestedAddressOf(body)).toBeUndefined();
  });
});
