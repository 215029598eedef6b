import { problemTypeOf, problemTypeUri, registerProblemTypes } from './problem-types';

describe('registerProblemTypes', () => {
  it('makes a code answerable with its status and title', () => {
    registerProblemTypes({ 'hold.active': { status: 423, title: 'The account is on hold' } });

    expect(problemTypeOf('hold.active')).toEqual({ status: 423, title: 'The account is on hold' });
    expect(problemTypeUri('hold.active')).toBe('https://rekey.dev/problems/hold.active');
  });

  it('accepts the same registration twice, as when a module is imported by two others', () => {
    registerProblemTypes({ 'link.unverified': { status: 409, title: 'The link is not verified' } });

    expect(() =>
      registerProblemTypes({ 'link.unverified': { status: 409, title: 'The link is not verified' } }),
    ).not.toThrow();
  });

  it('refuses to map a code again to another status', () => {
    registerProblemTypes({ 'grant.used': { status: 410, title: 'The grant was used' } });

    expect(() =>
      registerProblemTypes({ 'grant.used': { status: 409, title: 'The grant was used' } }),
    ).toThrow('Problem code "grant.used" is already registered as 410 "The grant was used"');
  });

  it('refuses statuses that are not errors', () => {
    expect(() => registerProblemTypes({ 'wave.launched': { status: 200, title: 'Launched' } })).toThrow(
      /400-599/,
    );
  });

  it('refuses codes that are not dotted kebab-case', () => {
    expect(() => registerProblemTypes({ ResetTokenExpired: { status: 410, title: 'Expired' } })).toThrow(
      /dotted kebab-case/,
    );
    expect(() => registerProblemTypes({ expired: { status: 410, title: 'Expired' } })).toThrow(
      /dotted kebab-case/,
    );
  });

  it('knows nothing of codes nobody registered', () => {
    expect(problemTypeOf('nobody.registered-this')).toBeUndefined();
  });
});
