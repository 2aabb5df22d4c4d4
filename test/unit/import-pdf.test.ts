/**
 * The PDF importer on what real government PDFs hold, cell by cell against each file's truth: files made
 * for it by real tools and by hand (test/corpus/import, scripts/corpus/make-import-fixtures.mjs) and the
 * LibreOffice Writer PDFs of the converter corpus (test/corpus/files/*.lo.pdf).
 *   - Ruled tables: an empty cell is a blank, also on a page of the table with no number at all.
 *   - A row label printed with characters missing is its row, its numbers in their columns.
 *   - A label printed against its number (`规章0`: two text items, or one string across the rule) is cut
 *     from it where the glyphs are; where the positions cannot place a number, the row is marked and not read.
 *   - A ruled row a page break cut in two is one row again; without rules, digits stacked over lines are
 *     never taken for numbers.
 *   - A CJK font the PDF does not embed is read through pdf.js's CMaps: here from node_modules, in the
 *     bundle from the CMaps built beside it (dist/pdfjs-cmaps).
 * Never a wrong number.
 */
import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { checkReport, parseReport } from '../../server/src/core/index';
import { ImportError, ImportResult, PdfOptions, importReport } from '../../server/src/core/import/index';
import { PdfPage, PdfTextItem, loadPdfjs } from '../../server/src/core/import/pdfjs';
import { ROOT } from '../support/fixtures';

const FIX = join(ROOT, 'test', 'corpus', 'import');
const FILES = join(ROOT, 'test', 'corpus', 'files');
const UNPLACED = '（此行数值无法按列定位）';

interface Truth {
  tables: Record<string, Record<string, number[]>>;
}

const truthOf = (path: string): Truth => JSON.parse(readFileSync(path, 'utf8'));
const fixtureTruth = (name: string) => truthOf(join(FIX, `${name}.json`));
const corpusTruth = (doc: string) => truthOf(join(ROOT, 'test', 'corpus', 'truth', `${doc}.json`));

/** pdf.js's packed CMaps from node_modules (the bundle reads its own copies). */
const asked: string[] = [];
const readCMap = async (name: string) => {
  asked.push(name);
  return new Uint8Array(readFileSync(join(ROOT, 'node_modules', 'pdfjs-dist', 'cmaps', `${name}.bcmap`)));
};

function importFile(path: string, pdf: PdfOptions = {}): Promise<ImportResult> {
  return importReport(new Uint8Array(readFileSync(path)), basename(path), { pdf: { readCMap, ...pdf } });
}

/** Every cell of the truth against the reading of the imported text: the wrong ones and the unread ones. */
function score(text: string, truth: Truth) {
  const result = checkReport(text);
  const wrong: string[] = [];
  const unread: string[] = [];
  for (const [table, rows] of Object.entries(truth.tables)) {
    for (const [row, want] of Object.entries(rows)) {
      const got = (result.tables as Record<string, Record<string, Array<number | null>> | undefined>)[table]?.[row];
      want.forEach((w, c) => {
        const g = got?.[c];
        if (g === null || g === undefined) unread.push(`${table}.${row}[${c}]`);
        else if (g !== w) wrong.push(`${table}.${row}[${c}] = ${g}, not ${w}`);
      });
    }
  }
  return { result, wrong, unread };
}

const textLines = (r: ImportResult) => r.text.split('\n');
/** The TAB rows of the text whose cells, from the end, are `tail` (the label cell and the values). */
const rowsEnding = (r: ImportResult, tail: string[]) => textLines(r).filter((l) => {
  const cells = l.split('\t');
  return cells.length >= tail.length && cells.slice(-tail.length).every((c, k) => c === tail[k]);
});

describe('ruled tables: an empty cell is a blank', () => {
  const truth = fixtureTruth('ruled-blanks');
  for (const file of ['ruled-blanks.lo.pdf', 'ruled-blanks.chromium.pdf']) {
    it(`${file}: every cell as the truth says, the blanks read as blanks`, async () => {
      const r = await importFile(join(FIX, file));
      const { wrong, unread } = score(r.text, truth);
      deepStrictEqual(wrong, []);
      // LibreOffice draws the 15-column review table wider than the page: its last columns are not in
      // the PDF, so that table is not read. Every other cell is.
      deepStrictEqual(unread.filter((c) => !(file.includes('.lo.') && c.startsWith('review.'))), []);
      deepStrictEqual(r.warnings, []);
    });

    it(`${file}: a blank cell is an empty cell of its row`, async () => {
      const r = await importFile(join(FIX, file));
      ok(textLines(r).includes('二、上年结转政府信息公开申请数量\t1\t\t\t\t\t\t1'), 'row 2: one number, five blanks, its total');
      ok(textLines(r).includes('规章\t\t\t'), '规章: three blank cells');
      ok(textLines(r).includes('行政规范性文件\t3\t\t12'));
    });

    it(`${file}: a page of table 3 with no number on it is read by its rules, its cells blanks`, async () => {
      const r = await importFile(join(FIX, file));
      const lines = textLines(r);
      const rowsByPage = new Map<number, number[]>();
      for (const loc of r.locations) {
        const cells = lines[loc.line].split('\t');
        if (cells.length !== 10) continue; // table 3: group, subgroup and row label, seven values
        rowsByPage.set(loc.page!, [...(rowsByPage.get(loc.page!) ?? []), loc.line]);
      }
      const blankPages = [...rowsByPage.values()].filter((rows) => rows.length >= 3 && rows.every((l) => lines[l].split('\t').slice(3).every((v) => v === '')));
      ok(blankPages.length >= 1, 'the fixture has a page of table 3 holding only blank rows');
      const rows = [...(parseReport(r.text).applications?.rows.values() ?? [])];
      for (const line of blankPages.flat()) {
        const row = rows.find((x) => x.labelCells.some((c) => c.line === line));
        ok(row, `the row on line ${line} (${lines[line]}) is read`);
        ok(row.cells.every((c) => c?.kind === 'blank'), `its cells are blanks: ${lines[line]}`);
      }
    });
  }
});

describe('a row label printed with characters missing', () => {
  for (const file of ['ruled-blanks.lo.pdf', 'ruled-blanks.chromium.pdf']) {
    it(`${file}: 2.其他法律行政止公开 is a label cell of its own row, its numbers in their columns`, async () => {
      const r = await importFile(join(FIX, file));
      strictEqual(rowsEnding(r, ['2.其他法律行政止公开', '2', '', '', '', '1', '', '3']).length, 1);
      const { result } = score(r.text, fixtureTruth('ruled-blanks'));
      deepStrictEqual(result.tables.applications?.['3.3.2'], [2, 0, 0, 0, 1, 0, 3]);
      deepStrictEqual(result.tables.applications?.['3.3.1'], [0, 0, 0, 0, 0, 0, 0]);
      deepStrictEqual(result.tables.applications?.['3.3.3'], [0, 0, 0, 0, 0, 0, 0]);
      ok(result.diagnostics.some((d) => d.code === 'label-variant' && d.message.includes('2.其他法律行政止公开')));
    });
  }
});

/** The text items of a PDF page, with their extents. */
async function itemsOf(path: string, page: number): Promise<Array<{ s: string; x0: number; x1: number; y: number }>> {
  const pdfjs = await loadPdfjs();
  const factory = class { async fetch({ name }: { name: string }) { return { cMapData: await readCMap(name), isCompressed: true }; } };
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(path)), isEvalSupported: false, verbosity: 0, CMapReaderFactory: factory, cMapPacked: true }).promise;
  try {
    const p: PdfPage = await doc.getPage(page);
    const content = await p.getTextContent();
    return content.items.map((i) => i as PdfTextItem).filter((i) => typeof i.str === 'string' && i.str.trim() !== '')
      .map((i) => ({ s: i.str, x0: i.transform[4], x1: i.transform[4] + i.width, y: i.transform[5] }));
  } finally {
    await doc.destroy();
  }
}

describe('a label printed against its number', () => {
  const truth = fixtureTruth('narrow');
  it('the narrow fixtures print them together: 规章 ends less than 1.5 pt before its 0 begins', async () => {
    for (const file of ['narrow-plain.lo.pdf', 'narrow-plain.chromium.pdf']) {
      let found = false;
      for (const page of [1, 2]) {
        const items = await itemsOf(join(FIX, file), page);
        // 规章, or its 章 right after a 规 (a PDF may give each character as an item of its own).
        const label = items.find((i) => i.s.endsWith('规章') || (i.s === '章' && items.some((j) => j.s.endsWith('规') && Math.abs(j.y - i.y) < 1 && Math.abs(j.x1 - i.x0) < 0.5)));
        if (!label) continue;
        const next = items.filter((i) => Math.abs(i.y - label.y) < 1 && i.x0 >= label.x1 - 0.5).sort((a, b) => a.x0 - b.x0)[0];
        strictEqual(next.s, '0', file);
        ok(next.x0 - label.x1 < 1.5, `${file}: gap ${next.x0 - label.x1}`);
        found = true;
      }
      ok(found, file);
    }
  });

  for (const file of ['narrow-ruled.lo.pdf', 'narrow-plain.lo.pdf', 'narrow-ruled.chromium.pdf', 'narrow-plain.chromium.pdf']) {
    for (const lattice of [true, false]) {
      it(`${file}${lattice ? '' : ', without its ruling lines'}: every cell, each label apart from its numbers`, async () => {
        const r = await importFile(join(FIX, file), { lattice });
        const { wrong, unread } = score(r.text, truth);
        deepStrictEqual(wrong, []);
        deepStrictEqual(unread, []);
        ok(textLines(r).includes('规章\t0\t0\t0'));
        ok(textLines(r).includes('行政许可\t230\t-12\t1764'));
      });
    }
  }

  it('one text string across the rule (`行政规范性文件3`) is cut where its glyphs are painted', async () => {
    const items = await itemsOf(join(FIX, 'cmap-stsong.pdf'), 1);
    const glued = items.find((i) => i.s === '行政规范性文件3');
    ok(glued, 'pdf.js gives label and number as one text item');
    ok(glued.x0 < 200 && glued.x1 > 200, 'the item crosses the rule at x = 200');
    ok(items.some((i) => i.s === '行政处罚 9'), 'and one with a space in it');
    for (const [file, lattice] of [['cmap-stsong.pdf', true], ['cmap-stsong.pdf', false], ['cmap-stsong-plain.pdf', true], ['cmap-stsong-plain.pdf', false]] as const) {
      const r = await importFile(join(FIX, file), { lattice });
      const { wrong, unread } = score(r.text, fixtureTruth('cmap-stsong'));
      deepStrictEqual(wrong, [], file);
      deepStrictEqual(unread, [], `${file} lattice=${lattice}`);
      for (const row of ['规章\t0\t0\t0', '行政规范性文件\t3\t0\t12', '行政处罚\t9']) ok(textLines(r).some((l) => l.startsWith(row)), `${file}: ${row}`);
    }
  });

  it('where the positions cannot place a number (two numbers in a cell, a digit across the rule), the row is marked and not read', async () => {
    const r = await importFile(join(FIX, 'cmap-refused.pdf'));
    ok(textLines(r).includes(`规章\t${UNPLACED}\t？\t？`), r.text);
    ok(textLines(r).includes(`行政规范性文件\t${UNPLACED}\t？\t？`), r.text);
    ok(r.warnings.some((w) => w.includes('2 行')), r.warnings.join());
    const { result, wrong } = score(r.text, fixtureTruth('cmap-stsong'));
    deepStrictEqual(wrong, []);
    deepStrictEqual(result.tables.disclosure?.['规章'], [null, null, null]);
    deepStrictEqual(result.tables.disclosure?.['行政规范性文件'], [null, null, null]);
    deepStrictEqual(result.tables.disclosure?.['行政许可'], [57]);
    ok(result.diagnostics.some((d) => d.code === 'bad-cell' && d.message.includes('无法可靠读取')));
  });
});

describe('ruled rows a page break cut in two (LibreOffice Writer PDFs)', () => {
  const lo = (doc: string) => join(FILES, `${doc}.lo.pdf`);
  it('anping: 30 and 37 of （七）总计 printed 3 | 0 and 3 | 7 over two pages', async () => {
    const r = await importFile(lo('anping-health-commission-2020'));
    strictEqual(rowsEnding(r, ['（七）总计', '30', '4', '0', '1', '0', '2', '37']).length, 1);
    const { wrong, result } = score(r.text, corpusTruth('anping-health-commission-2020'));
    deepStrictEqual(wrong, []);
    deepStrictEqual(result.tables.applications?.['3.7'], [30, 4, 0, 1, 0, 2, 37]);
  });

  it('beilin: the label 4.保护第三方合法 | 权益 and its total 2 | 4 joined', async () => {
    const r = await importFile(lo('beilin-district-2024'));
    strictEqual(rowsEnding(r, ['4.保护第三方合法权益', '17', '6', '0', '0', '1', '0', '24']).length, 1);
    deepStrictEqual(score(r.text, corpusTruth('beilin-district-2024')).wrong, []);
  });

  it('moumou: a row whose numbers are all printed on the next page', async () => {
    const r = await importFile(lo('moumou-county-market-regulation-2021'));
    strictEqual(rowsEnding(r, ['（七）总计', '7', '3', '0', '0', '0', '1', '11']).length, 1);
    deepStrictEqual(score(r.text, corpusTruth('moumou-county-market-regulation-2021')).wrong, []);
  });

  it('a row of blanks whose label goes on at the top of the next page is one row; a new row there stays its own', async () => {
    const r = await importFile(join(FIX, 'ruled-blanks.lo.pdf'));
    ok(textLines(r).some((l) => l.split('\t').includes('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请')), r.text);
    for (const doc of ['anping-health-commission-2020', 'beilin-district-2024', 'xihe-district-2021-blank-total', 'lianhua-township-2021-blank-total-prose']) {
      const t = await importFile(lo(doc));
      // No label cell holds two numbered labels (`1.属于国家秘密2.其他…`): rows are never joined across a row label.
      const joined = textLines(t).flatMap((l) => l.split('\t')).filter((c) => /^\d+\.\D.*\d+\.\D/.test(c));
      deepStrictEqual(joined, [], doc);
      deepStrictEqual(score(t.text, corpusTruth(doc)).wrong, [], doc);
    }
  });
});

describe('without ruling lines, digits stacked over lines are not read as numbers', () => {
  it('anping.lo.pdf read by text positions only: 17 (1 over 7) and 30 (cut by a page) left unread, nothing wrong', async () => {
    const r = await importFile(join(FILES, 'anping-health-commission-2020.lo.pdf'), { lattice: false });
    const { wrong, result } = score(r.text, corpusTruth('anping-health-commission-2020'));
    deepStrictEqual(wrong, []);
    deepStrictEqual(result.tables.applications?.['3.1'], Array(7).fill(null));
    deepStrictEqual(result.tables.applications?.['3.7'], Array(7).fill(null));
    ok(r.warnings.some((w) => w.includes('无法按列位置确定')));
  });
});

describe('CMaps: a CJK font the PDF does not embed', () => {
  it('without the CMaps the PDF has no text; with them, its text and its table', async () => {
    await rejects(importReport(new Uint8Array(readFileSync(join(FIX, 'cmap-stsong.pdf'))), 'cmap-stsong.pdf'), (e: ImportError) => e.code === 'no-text-layer');
    asked.length = 0;
    const r = await importFile(join(FIX, 'cmap-stsong.pdf'));
    deepStrictEqual(textLines(r).slice(0, 2), ['某县应急管理局2022年政府信息公开工作年度报告', '一、总体情况']);
    ok(textLines(r).includes('二、主动公开政府信息情况'));
    deepStrictEqual([...new Set(asked)].sort(), ['Adobe-GB1-UCS2', 'UniGB-UCS2-H']);
    const result = checkReport(r.text);
    strictEqual(result.year, 2022);
    strictEqual(result.format, '2021');
  });

  it('the built bundle reads the CMaps built beside it (dist/cli.js convert)', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'convert', join(FIX, 'cmap-stsong.pdf')], { encoding: 'utf8' });
    strictEqual(run.status, 0, run.stderr);
    const lines = run.stdout.split('\n');
    strictEqual(lines[0], '某县应急管理局2022年政府信息公开工作年度报告');
    ok(lines.includes('行政规范性文件\t3\t0\t12'), run.stdout);
  });

  it('the Chinese CMaps (Adobe-GB1, Adobe-CNS1) are built into dist/pdfjs-cmaps and packed into the .vsix', () => {
    const built = readdirSync(join(ROOT, 'dist', 'pdfjs-cmaps'));
    for (const name of ['UniGB-UCS2-H', 'Adobe-GB1-UCS2', 'GBK-EUC-H', 'UniGB-UTF16-H', 'UniCNS-UCS2-H', 'Adobe-CNS1-UCS2']) ok(built.includes(`${name}.bcmap`), name);
    ok(!built.some((n) => /^(?:UniJIS|UniKS|Adobe-(?:Japan1|Korea1))/.test(n)), 'no Japanese or Korean CMaps');
    ok(readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').includes('!dist/pdfjs-cmaps/**'));
  });
});
