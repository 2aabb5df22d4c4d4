/**
 * The converter corpus (test/corpus, made by scripts/make-corpus.sh with Chromium, pdftotext,
 * pandoc and LibreOffice from HTML written for it): every text shape a user really gets, checked
 * cell by cell against the truth written beside it.
 *
 * What must hold everywhere: no number read wrong; a table with unread cells says why, once; a
 * sound report gets no error. What must not regress: the cells each file reads right, recorded in
 * test/corpus/read-floor.json (`node scripts/corpus/floor.mjs` rewrites it after an improvement).
 */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkReport } from '../../server/src/core/index';
import { ROOT } from '../support/fixtures';

const CORPUS = join(ROOT, 'test', 'corpus');

interface Truth {
  doc: string;
  format: string;
  year: number | null;
  sound: boolean;
  expectedCodes: string[];
  forbiddenCodes?: string[];
  tables: Record<string, Record<string, number[]>>;
}

const docs = readdirSync(join(CORPUS, 'truth')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
const floor: Record<string, number> = JSON.parse(readFileSync(join(CORPUS, 'read-floor.json'), 'utf8'));

/** Shapes whose text keeps every table whole: every cell must read and every expected code show. */
const LOSSLESS = new Set(['chromium-innertext', 'pandoc-gfm']);

describe('converter corpus', () => {
  it('has documents in every shape', () => {
    ok(docs.length >= 15, `${docs.length} documents`);
    for (const doc of docs) strictEqual(readdirSync(join(CORPUS, 'text', doc)).filter((f) => f.endsWith('.txt')).length, 10, doc);
  });
  for (const doc of docs) {
    const truth: Truth = JSON.parse(readFileSync(join(CORPUS, 'truth', `${doc}.json`), 'utf8'));
    describe(doc, () => {
      for (const file of readdirSync(join(CORPUS, 'text', doc)).filter((f) => f.endsWith('.txt')).sort()) {
        const shape = file.slice(0, -4);
        it(shape, () => {
          const result = checkReport(readFileSync(join(CORPUS, 'text', doc, file), 'utf8'));
          const wrong: string[] = [];
          let right = 0;
          const unreadTables = new Set<string>();
          for (const [table, rows] of Object.entries(truth.tables ?? {})) {
            for (const [row, want] of Object.entries(rows)) {
              const got = (result.tables as Record<string, Record<string, Array<number | null>> | undefined>)[table]?.[row];
              want.forEach((w, c) => {
                const g = got?.[c];
                if (g === null || g === undefined) unreadTables.add(table);
                else if (g !== w) wrong.push(`${table}.${row}[${c}] = ${g}, not ${w}`);
                else right++;
              });
            }
          }
          // Never a wrong number.
          deepStrictEqual(wrong, []);
          // A table with unread cells says why: one finding per table, not one per row.
          const why = result.diagnostics.filter((d) => d.code === 'bad-cell' && /无法可靠读取/.test(d.message));
          const lost = result.diagnostics.filter((d) => d.code === 'missing-table');
          const tablesRead = Object.keys(result.tables).filter((t) => unreadTables.has(t));
          ok(why.length <= 3, `${why.length} unread-table findings`);
          ok(why.length + lost.length >= tablesRead.length, `unread cells in ${tablesRead.join(', ')} without a finding saying why`);
          // No false error on a sound report.
          if (truth.sound) deepStrictEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`), []);
          // Errors the report really has are found wherever its tables could be read: in the
          // shapes that keep every table whole, and in any text whose tables were all read.
          const codes = new Set(result.diagnostics.map((d) => d.code));
          if (LOSSLESS.has(shape)) strictEqual(unreadTables.size, 0, `unread tables: ${[...unreadTables].join(', ')}`);
          if (LOSSLESS.has(shape) || unreadTables.size === 0) deepStrictEqual(truth.expectedCodes.filter((c) => !codes.has(c as never)), []);
          // Findings the report must not get (a prose number compared with a blank total).
          deepStrictEqual((truth.forbiddenCodes ?? []).filter((c) => codes.has(c as never)), []);
          if (truth.format === 'pre-2019') strictEqual(result.format, 'pre-2019');
          if (truth.format === '2019' || truth.format === '2021') strictEqual(result.format, truth.format);
          if (truth.year && truth.format !== 'none') strictEqual(result.year, truth.year);
          const key = `${doc}/${shape}`;
          ok(right >= (floor[key] ?? 0), `${key}: ${right} cells read right, floor ${floor[key]}`);
        });
      }
    });
  }
  it('the floor names only files that exist', () => {
    for (const key of Object.keys(floor)) ok(existsSync(join(CORPUS, 'text', `${key}.txt`)), key);
  });
});
