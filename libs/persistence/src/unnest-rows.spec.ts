import { arrayParameter, unnestRows } from './unnest-rows';

describe('unnestRows', () => {
  const rows = [
    { id: 'a', score: 1.5 },
    { id: 'b', score: 2 },
  ];

  it('gives one array per column and a FROM clause that numbers them from the first parameter', () => {
    const unnest = unnestRows(
      rows,
      [
        { name: 'id', type: 'text', value: (row) => row.id },
        { name: 'score', type: 'double precision', value: (row) => row.score },
      ],
      'r',
      3,
    );
    expect(unnest.from).toBe('unnest($3::text[], $4::double precision[]) AS r (id, score)');
    expect(unnest.values).toEqual(['{"a","b"}', '{1.5,2}']);
  });
});

describe('arrayParameter', () => {
  it('quotes every text, so words, separators and quotes stay text', () => {
    expect(arrayParameter(['NULL', 'a,b', '{x}', 'say "hi"', 'back\\slash', '', ' padded '])).toBe(
      '{"NULL","a,b","{x}","say \\"hi\\"","back\\\\slash",""," padded "}',
    );
  });

  it('writes numbers, booleans and nulls bare', () => {
    expect(
      arrayParameter([1, -2.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY, true, false, null, undefined]),
    ).toBe('{1,-2.5,1e+21,"NaN","Infinity",t,f,NULL,NULL}');
  });

  it('writes bytes as bytea hex, nulls among them bare', () => {
    expect(arrayParameter([Buffer.from([0, 1, 254, 255]), null, Buffer.alloc(0)])).toBe(
      '{"\\\\x0001feff",NULL,"\\\\x"}',
    );
  });

  it('leaves dates to the driver', () => {
    const values = [new Date(0), Buffer.from('x')];
    expect(arrayParameter(values)).toBe(values);
  });
});
