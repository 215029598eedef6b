import { isSameOriginRequest } from './same-origin';

const origin = 'https://enroll.example';

describe('isSameOriginRequest', () => {
  it('accepts a request whose Origin is the pages’ origin', () => {
    expect(isSameOriginRequest({ origin }, origin)).toBe(true);
  });

  it('refuses a request from another origin, whatever Sec-Fetch-Site claims', () => {
    expect(
      isSameOriginRequest({ origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }, origin),
    ).toBe(false);
  });

  it('falls back to Sec-Fetch-Site when the browser sends Origin "null" or none', () => {
    expect(isSameOriginRequest({ origin: 'null', 'sec-fetch-site': 'same-origin' }, origin)).toBe(true);
    expect(isSameOriginRequest({ 'sec-fetch-site': 'same-origin' }, origin)).toBe(true);
    expect(isSameOriginRequest({ 'sec-fetch-site': 'cross-site' }, origin)).toBe(false);
  });

  it('refuses a request that shows neither (a script outside any browser)', () => {
    expect(isSameOriginRequest({}, origin)).toBe(false);
  });
});
