import { unnestRows } from './unnest-rows';

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
    expect(unnest.values).toEqual([
      ['a', 'b'],
      [1.5, 2],
    ]);
  });
});
