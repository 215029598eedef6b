import { passwordContextWords } from './context-words';

describe('passwordContextWords', () => {
  it('takes each name whole and in its pieces, each email local part whole and in its pieces, and the service name', () => {
    const words = passwordContextWords({
      names: ['Mary Ann', "O'Brien-Smith"],
      emails: ['mary.ann+shop@example.org', 'mobrien@work.example'],
      serviceName: 'Rekey',
    });

    expect(words.sort()).toEqual(
      [
        'Mary Ann',
        'Mary',
        'Ann',
        "O'Brien-Smith",
        'O',
        'Brien',
        'Smith',
        'mary.ann+shop',
        'mary',
        'ann',
        'shop',
        'mobrien',
        'Rekey',
      ].sort(),
    );
  });

  it('keeps the domain of an address out: only the local part is personal', () => {
    expect(
      passwordContextWords({ names: [], emails: ['ada@example.org'], serviceName: 'Rekey' }),
    ).not.toContain('example');
  });

  it('skips missing and blank values, and names each word once', () => {
    expect(
      passwordContextWords({
        names: [undefined, '  ', 'Lee', 'Lee'],
        emails: [undefined],
        serviceName: 'Rekey',
      }),
    ).toEqual(['Lee', 'Rekey']);
  });

  it('keeps letters of every script with their combining marks', () => {
    expect(
      passwordContextWords({ names: ['Zoe\u0308 Ångström', 'Светлана'], emails: [], serviceName: 'Rekey' }),
    ).toEqual(expect.arrayContaining(['Zoe\u0308', 'Ångström', 'Светлана']));
  });
});
