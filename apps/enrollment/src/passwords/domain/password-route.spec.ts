import { allowsPasswordAlone, passwordRouteOf } from './password-route';

describe('passwordRouteOf', () => {
  it('finishes a password with the app confirmed as TOTP and password, at AAL2, whatever the minimum', () => {
    for (const minimum of ['aal1', 'aal2'] as const) {
      expect(passwordRouteOf(true, minimum)).toEqual({
        withTotp: true,
        methods: ['totp', 'password'],
        assurance: { level: 'aal2', phishingResistant: false },
      });
    }
  });

  it('finishes a password alone at AAL1 where the wave allows AAL1', () => {
    expect(passwordRouteOf(false, 'aal1')).toEqual({
      withTotp: false,
      methods: ['password'],
      assurance: { level: 'aal1', phishingResistant: false },
    });
  });

  it('refuses a password alone where the wave requires AAL2 or more', () => {
    expect(passwordRouteOf(false, 'aal2')).toBeUndefined();
    expect(passwordRouteOf(false, 'aal3')).toBeUndefined();
    expect(passwordRouteOf(true, 'aal3')).toBeUndefined();
  });
});

describe('allowsPasswordAlone', () => {
  it('offers a password alone only where AAL1 is enough', () => {
    expect(allowsPasswordAlone('aal1')).toBe(true);
    expect(allowsPasswordAlone('aal2')).toBe(false);
  });
});
