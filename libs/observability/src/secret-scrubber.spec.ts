import { REDACTED, scrubText, scrubValue } from './secret-scrubber';

const resetToken = 'q3VvJ1m8Zc0xT5nYp2LwR7sKd4HfA9eBgU6iOjNlMtE';
const jwt =
  'eyJhbGciOiJFZERTQSIsImtpZCI6ImRldiJ9.eyJzdWIiOiJhbGljZUBleGFtcGxlLmNvbSIsInNjb3BlIjoid2F2ZXM6d3JpdGUifQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU';

describe('scrubText', () => {
  it('masks bearer credentials', () => {
    expect(scrubText('authorization: Bearer abc.def-ghi')).toBe(`authorization: Bearer ${REDACTED}`);
  });

  it('masks a JWT anywhere in a message', () => {
    expect(scrubText(`grant ${jwt} refused`)).toBe(`grant ${REDACTED} refused`);
  });

  it('masks a reset token in a message and in a link', () => {
    expect(scrubText(`token ${resetToken} expired`)).toBe(`token ${REDACTED} expired`);
    expect(scrubText(`https://reset.example/r?token=${resetToken}&x=1`)).toBe(
      `https://reset.example/r?token=${REDACTED}&x=1`,
    );
  });

  it('masks the password of a connection URL', () => {
    expect(scrubText('postgres://audit:hunter2@db:5432/audit')).toBe(
      `postgres://audit:${REDACTED}@db:5432/audit`,
    );
  });

  it('keeps ids, event types and ordinary words', () => {
    const line = 'event 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b of type rekey.reset.token-issued.v1 for L-1001';
    expect(scrubText(line)).toBe(line);
  });
});

describe('scrubValue', () => {
  it('masks secret-named keys at any depth', () => {
    const scrubbed = scrubValue({
      password: 'correct horse',
      request: { headers: { Authorization: 'Bearer x', cookie: 'sid=1' } },
      step: { otp: '123456', attempts: 2 },
      list: [{ accessToken: 'abc' }],
    });
    expect(scrubbed).toEqual({
      password: REDACTED,
      request: { headers: { Authorization: REDACTED, cookie: REDACTED } },
      step: { otp: REDACTED, attempts: 2 },
      list: [{ accessToken: REDACTED }],
    });
  });

  it('scrubs secrets out of error messages and stacks', () => {
    const scrubbed = scrubValue(new Error(`could not verify ${jwt}`)) as { message: string; stack: string };
    expect(scrubbed.message).toBe(`could not verify ${REDACTED}`);
    expect(scrubbed.stack).not.toContain(jwt);
  });
});
