/**
 * The importers on the converter corpus' own files (test/corpus): every document's web page
 * (html/), its LibreOffice .docx, its Chromium PDF and its LibreOffice Writer PDF (files/), imported
 * and checked cell by cell against the truth. Never a wrong number; an unread table says why; a sound
 * report gets no error.
 */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkReport } from '../../server/src/core/index';
import { ImportResult, importReport } from '../../server/src/core/import/index';
import { ROOT } from '../support/fixtures';

const CORPUS = join(ROOT, 'test', 'corpus');

interface Truth {
  format: string;
  year: number | null;
  sound: boolean;
  expectedCodes: string[];
  tables: Record<string, Record<string, number[]>>;
}

const docs = readdirSync(join(CORPUS, 'truth')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();

/** Cells read right / wrong / unread, the unread tables, and the findings of the imported text. */
function score(imported: ImportResult, truth: Truth) {
  const result = checkReport(imported.text);
  const wrong: string[] = [];
  let right = 0;
  let unread = 0;
  const unreadTables = new Set<string>();
  for (const [table, rows] of Object.entries(truth.tables ?? {})) {
    for (const [row, want] of Object.entries(rows)) {
      const got = (result.tables as Record<string, Record<string, Array<number | null>> | undefined>)[table]?.[row];
      want.forEach((w, c) => {
        const g = got?.[c];
        if (g === null || g === undefined) { unread++; unreadTables.add(table); }
        else if (g !== w) wrong.push(`${table}.${row}[${c}] = ${g}, not ${w}`);
        else right++;
      });
    }
  }
  return { result, wrong, right, unread, unreadTables };
}

/** Cells read right per importer over the corpus: raise these when an importer reads more. */
const FLOOR = { html: 3568, docx: 3568, pdf: 3553, 'pdf-stream': 2956, 'lo-pdf': 4770 };
const totals = { html: 0, docx: 0, pdf: 0, 'pdf-stream': 0, 'lo-pdf': 0 };
type Kind = keyof typeof FLOOR;

function file(doc: string, kind: Kind): string {
  if (kind === 'html') return join(CORPUS, 'html', `${doc}.html`);
  return join(CORPUS, 'files', `${doc}.${kind === 'pdf-stream' ? 'pdf' : kind === 'lo-pdf' ? 'lo.pdf' : kind}`);
}

describe('importers on the converter corpus', () => {
  // pdf-stream: the same PDFs read without their ruling lines (a borderless table): fewer cells, never a wrong one.
  // lo-pdf: LibreOffice Writer's PDF of the .docx: ruled tables whose rows a page break cuts in two, digits
  // stacked in narrow cells; its 15-column review table is wider than the page, its last columns not in the PDF.
  for (const kind of ['html', 'docx', 'pdf', 'pdf-stream', 'lo-pdf'] as const) {
    describe(kind, () => {
      for (const doc of docs) {
        it(doc, async () => {
          const truth: Truth = JSON.parse(readFileSync(join(CORPUS, 'truth', `${doc}.json`), 'utf8'));
          const path = file(doc, kind);
          const imported = await importReport(new Uint8Array(readFileSync(path)), path, { pdf: { lattice: kind !== 'pdf-stream' } });
          strictEqual(imported.source, kind === 'html' || kind === 'docx' ? kind : 'pdf');
          // Every line of the text says where it came from.
          strictEqual(imported.locations.length, imported.text.split('\n').length - 1);
          for (const loc of imported.locations) ok(imported.source === 'pdf' ? loc.page! >= 1 : loc.paragraph !== undefined || loc.table !== undefined, JSON.stringify(loc));
          const { result, wrong, right, unreadTables } = score(imported, truth);
          totals[kind] += right;
          // Never a wrong number.
          deepStrictEqual(wrong, []);
          // A table with unread cells says why (the reader's finding, or the importer's warning).
          const why = result.diagnostics.filter((d) => (d.code === 'bad-cell' && /无法可靠读取/.test(d.message)) || d.code === 'missing-table');
          ok(why.length + imported.warnings.length >= (unreadTables.size ? 1 : 0), `unread ${[...unreadTables].join(', ')} without a finding saying why`);
          // Structure, not text heuristics: the web page and the Word file read every cell.
          if (imported.source !== 'pdf') strictEqual(unreadTables.size, 0, `unread tables: ${[...unreadTables].join(', ')}`);
          if (truth.sound) deepStrictEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`), []);
          if (!unreadTables.size) {
            const codes = new Set(result.diagnostics.map((d) => d.code));
            deepStrictEqual(truth.expectedCodes.filter((c) => !codes.has(c as never)), []);
          }
          if (truth.format === '2019' || truth.format === '2021' || truth.format === 'pre-2019') strictEqual(result.format, truth.format);
          if (truth.year && truth.format !== 'none') strictEqual(result.year, truth.year);
        });
      }
      it(`reads at least its floor of cells (${FLOOR[kind]})`, () => {
        ok(totals[kind] >= FLOOR[kind], `${kind}: ${totals[kind]} cells right, floor ${FLOOR[kind]}`);
      });
    });
  }
});
