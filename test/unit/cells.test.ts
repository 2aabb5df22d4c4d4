/** Reading one cell: numbers in all their real shapes, blanks, damaged numbers. */
import { strictEqual } from 'node:assert';
import { describe, it } from 'node:test';
import { classifyCell } from '../../server/src/core/parse/cells';

const cases: Array<[string, string, string?]> = [
  ['14,205', 'number', '14205'],
  ['-3', 'number', '-3'],
  ['+5', 'number', '5'],
  ['2067.5172', 'number', '2067.5172'],
  ['10万元', 'number', '10'],
  ['251000元', 'number', '251000'],
  [' 12 ', 'number', '12'],
  ['１２', 'number', '12'],
  ['１２，３４５', 'number', '12345'],
  ['22（其中修订16件）', 'number', '22'],
  ['0\u00a0', 'number', '0'],
  ['', 'blank'],
  ['/', 'blank'],
  ['—', 'blank'],
  ['-', 'blank'],
  ['无', 'blank'],
  ['1O', 'bad'],
  ['O', 'bad'],
  ['l2', 'bad'],
  ['规章', 'text'],
  ['1.', 'text'],
  ['结果 维持', 'text'],
];

describe('classifyCell', () => {
  for (const [raw, kind, value] of cases) {
    it(`${JSON.stringify(raw)} is ${kind}${value ? ' ' + value : ''}`, () => {
      const c = classifyCell(raw);
      strictEqual(c.kind, kind);
      if (value) strictEqual(c.value?.toString(), value);
    });
  }
});
