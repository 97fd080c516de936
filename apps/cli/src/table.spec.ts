import { formatTable } from './table.js';

describe('formatTable', () => {
  it('aligns columns under their headers', () => {
    expect(
      formatTable(
        ['ID', 'STATE'],
        [
          ['1', 'COMPLETED'],
          ['1700000000', 'FAILED'],
        ],
      ),
    ).toBe(
      ['ID          STATE', '----------  ---------', '1           COMPLETED', '1700000000  FAILED'].join(
        '\n',
      ),
    );
  });
});
