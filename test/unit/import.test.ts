/**
 * The importers on files made for them (test/corpus/import, scripts/corpus/make-import-fixtures.mjs)
 * and on hand-made inputs: encodings, site navigation, a table broken across pages, a scan, Word
 * files written by a library, damaged files and a 50 MB PDF.
 */
import { deepStrictEqual, match, ok, rejects, strictEqual } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { zipSync, strToU8 } from 'fflate';
import { checkReport, setLocale } from '../../server/src/core/index';
import { ImportError, decodeHtml, importDocx, importHtml, importReport } from '../../server/src/core/import/index';
import { ROOT } from '../support/fixtures';

const CORPUS = join(ROOT, 'test', 'corpus');
const FIX = join(CORPUS, 'import');
const bytes = (p: string) => new Uint8Array(readFileSync(p));
const truth = (doc: string) => JSON.parse(readFileSync(join(CORPUS, 'truth', `${doc}.json`), 'utf8'));

/** Cells read right / wrong / unread against the corpus truth (as in import-corpus.test.ts). */
function score(text: string, t: { tables: Record<string, Record<string, number[]>> }) {
  const result = checkReport(text);
  const wrong: string[] = [];
  let unread = 0;
  const unreadTables = new Set<string>();
  for (const [table, rows] of Object.entries(t.tables ?? {})) {
    for (const [row, want] of Object.entries(rows)) {
      const got = (result.tables as Record<string, Record<string, Array<number | null>> | undefined>)[table]?.[row];
      want.forEach((w, c) => {
        const g = got?.[c];
        if (g === null || g === undefined) { unread++; unreadTables.add(table); }
        else if (g !== w) wrong.push(`${table}.${row}[${c}] = ${g}, not ${w}`);
      });
    }
  }
  return { result, wrong, unread, unreadTables };
}

function allRight(text: string, doc: string, allowUnread = false): void {
  const s = score(text, truth(doc));
  deepStrictEqual(s.wrong, []);
  if (!allowUnread) strictEqual(s.unread, 0, `unread in ${[...s.unreadTables].join(', ')}`);
  if (truth(doc).sound) deepStrictEqual(s.result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
}

describe('HTML importer', () => {
  it('decodes a GBK page declared by <meta http-equiv> and reads every cell', async () => {
    const raw = bytes(join(FIX, 'gbk-page.html'));
    ok(!/政府信息公开/.test(new TextDecoder('utf-8').decode(raw)), 'the fixture really is GBK');
    const r = await importReport(raw, 'gbk-page.html');
    match(r.text, /南召县/);
    allRight(r.text, 'nanzhao-county-2020');
  });

  it('decodes by BOM, <meta charset>, and falls back to GB18030 for undeclared non-UTF-8', () => {
    strictEqual(decodeHtml(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<p>一、总体情况</p>')])), '<p>一、总体情况</p>');
    const gbk = new Uint8Array([0x3c, 0x70, 0x3e, 0xd2, 0xbb, 0xa1, 0xa2, 0x3c, 0x2f, 0x70, 0x3e]); // <p>一、</p> in GBK
    strictEqual(decodeHtml(gbk), '<p>一、</p>');
    const declared = new Uint8Array([...new TextEncoder().encode('<meta charset="gbk">'), ...gbk]);
    strictEqual(decodeHtml(declared), '<meta charset="gbk"><p>一、</p>');
  });

  it('finds the article inside site navigation and leaves menus, sidebar and footer out', () => {
    const r = importHtml(bytes(join(FIX, 'nav-wrapped.html')));
    for (const chrome of ['请输入关键字', '走进长丰', '办事服务', '政府信息公开指南', '访问量', '123456', 'ICP', '0551-12345678', '分享到', '当前位置']) ok(!r.text.includes(chrome), chrome);
    ok(r.text.split('\n').slice(0, 3).some((l) => /年度报告$/.test(l)), 'the title is kept');
    strictEqual(checkReport(r.text).year, 2020);
    allRight(r.text, 'changfeng-natural-resources-2020');
  });

  it('keeps the title that stands above the article, though the preamble also says 报告', () => {
    const article = `<div class="article"><p>本报告根据《中华人民共和国政府信息公开条例》编制。</p><p>一、总体情况</p><p>正文。</p><p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p></div>`;
    const menu = Array.from({ length: 20 }, (_, i) => `<li><a href="#">栏目${i}</a></li>`).join('');
    const above = importHtml(`<html><head><title>首页 - 某市</title></head><body><div class="nav"><ul>${menu}</ul></div><h1>某市财政局2023年政府信息公开工作年度报告</h1>${article}</body></html>`);
    strictEqual(above.text.split('\n')[0], '某市财政局2023年政府信息公开工作年度报告');
    strictEqual(checkReport(above.text).year, 2023);
    // A CMS page whose title lives only in its metadata.
    const meta = importHtml(`<html><head><meta name="ArticleTitle" content="某县教育局2022年度政府信息公开工作年度报告"><title>某县人民政府门户网站</title></head><body>${article}</body></html>`);
    strictEqual(meta.text.split('\n')[0], '某县教育局2022年度政府信息公开工作年度报告');
    strictEqual(checkReport(meta.text).year, 2022);
  });

  it('writes a table as TAB rows: merged cells once, blank cells empty, paragraphs in a cell joined', () => {
    const html = `<html><body><p>一、总体情况</p><p>第一段<br>第二段。<br>第三段</p><table>
      <tr><td rowspan="2"><p>三、本</p><p>年度办</p><p>理结果</p></td><td>（一）予以公开</td><td><p>&nbsp;</p><p>7</p></td><td></td><td>&nbsp;</td></tr>
      <tr><td>（二）部分公开</td><td colspan="2">1</td><td>2</td></tr></table></body></html>`;
    const r = importHtml(html);
    deepStrictEqual(r.text.split('\n').slice(0, 5), ['一、总体情况', '第一段第二段。', '第三段', '三、本年度办理结果\t（一）予以公开\t7\t\t', '（二）部分公开\t1\t2']);
    deepStrictEqual(r.locations[3], { line: 3, table: 0, row: 0, columns: [0, 1, 2, 3, 4] });
    deepStrictEqual(r.locations[4], { line: 4, table: 0, row: 1, columns: [1, 2, 4] });
    strictEqual(r.locations[1].paragraph, 1);
  });
});

describe('Word importer', () => {
  for (const doc of ['anping-health-commission-2020', 'ningyuan-transport-2022', 'moumou-county-market-regulation-2021']) {
    it(`reads a library-written .docx (gridSpan, vMerge) of ${doc}`, async () => {
      const r = await importReport(bytes(join(FIX, `library-${doc}.docx`)), `${doc}.docx`);
      strictEqual(r.source, 'docx');
      allRight(r.text, doc);
    });
  }

  it('keeps merged cells once, tabs and breaks in paragraphs, nested and layout tables', () => {
    const p = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
    const tc = (inner: string, pr = '') => `<w:tc><w:tcPr>${pr}</w:tcPr>${inner}</w:tc>`;
    const table = `<w:tbl><w:tr>${tc(p('三、本') + p('年度办理结果'), '<w:vMerge w:val="restart"/>')}${tc(p('（一）予以公开'))}${tc(p('5'), '<w:gridSpan w:val="2"/>')}${tc('<w:p/>')}</w:tr>` +
      `<w:tr>${tc('<w:p/>', '<w:vMerge/>')}${tc(p('（二）部分公开'))}${tc(p('1'))}${tc(p('2'))}${tc(p('3'))}</w:tr></w:tbl>`;
    const layout = `<w:tbl><w:tr>${tc(p('外框里的段落') + table)}</w:tr></w:tbl>`;
    const xml = `<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>一、总体情况</w:t><w:tab/><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r></w:p>${layout}</w:body></w:document>`;
    const docx = zipSync({ 'word/document.xml': strToU8(xml) });
    const r = importDocx(docx);
    deepStrictEqual(r.text.split('\n').slice(0, 5), ['一、总体情况\t甲乙', '外框里的段落', '三、本年度办理结果\t（一）予以公开\t5\t', '（二）部分公开\t1\t2\t3', '']);
  });
});

describe('Word list numbering', () => {
  it('writes the numbers Word draws for numbered headings (direct and through the heading style), deeper levels restarting', () => {
    const p = (t: string, pPr = '') => `<w:p><w:pPr>${pPr}</w:pPr><w:r><w:t>${t}</w:t></w:r></w:p>`;
    const list = (ilvl: number) => `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="3"/></w:numPr>`;
    const numbering = `<w:numbering xmlns:w="x"><w:abstractNum w:abstractNumId="7">` +
      `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>` +
      `<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>` +
      `<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>` +
      `</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>`;
    const styles = `<w:styles xmlns:w="x"><w:style w:styleId="H1"><w:pPr>${list(0)}</w:pPr></w:style><w:style w:styleId="H1b"><w:basedOn w:val="H1"/></w:style></w:styles>`;
    const body = [p('总体情况', '<w:pStyle w:val="H1"/>'), p('主动公开', list(1)), p('依申请公开', list(1)), p('一个要点', list(2)), p('主动公开政府信息情况', '<w:pStyle w:val="H1b"/>'), p('规章', list(1)), p('没有编号的段落'), p('收到和处理政府信息公开申请情况', list(0))].join('');
    const xml = `<w:document xmlns:w="x"><w:body>${body}</w:body></w:document>`;
    const docx = zipSync({ 'word/document.xml': strToU8(xml), 'word/numbering.xml': strToU8(numbering), 'word/styles.xml': strToU8(styles) });
    deepStrictEqual(importDocx(docx).text.split('\n').slice(0, 8), ['一、总体情况', '（一）主动公开', '（二）依申请公开', '一个要点', '二、主动公开政府信息情况', '（一）规章', '没有编号的段落', '三、收到和处理政府信息公开申请情况']);
  });
});

describe('PDF importer', () => {
  it('joins a table broken across pages and drops the page numbers', async () => {
    const r = await importReport(bytes(join(FIX, 'table-break.pdf')), 'table-break.pdf');
    strictEqual(r.source, 'pdf');
    ok(!/—\s*\d+\s*—/.test(r.text), 'page numbers dropped');
    const pages = new Set(r.locations.filter((l) => /\t/.test(r.text.split('\n')[l.line])).map((l) => l.page));
    ok(pages.size >= 2, 'the tables span pages');
    allRight(r.text, 'shunhe-district-2020');
  });

  it('says clearly that a scanned PDF has no text layer', async () => {
    await rejects(importReport(bytes(join(FIX, 'scanned.pdf')), 'scanned.pdf'), (e: ImportError) => {
      strictEqual(e.code, 'no-text-layer');
      strictEqual(e.message, '这个 PDF 没有文字层（可能是扫描件），无法检查；请使用可复制文字的 PDF 或原始 Word 文件');
      return true;
    });
    setLocale('en');
    try {
      await rejects(importReport(bytes(join(FIX, 'scanned.pdf')), 'scanned.pdf'), /no text layer/);
    } finally {
      setLocale('zh-cn');
    }
  });

  it('a line of 60,000 text items is read in time linear in them (no per-item rescan of the line)', async () => {
    // Digits a hundredth of a point apart on one baseline: one run the importer grows item by item.
    const items = Array.from({ length: 60_000 }, (_, i) => `1 0 0 1 ${(50 + i * 0.01).toFixed(2)} 400 Tm (${i % 10}) Tj`).join('\n');
    const pdf = bigPdf(1, 0, `BT /F1 1 Tf\n${items}\nET`);
    const t0 = Date.now();
    const r = await importReport(pdf, 'wide-line.pdf');
    ok(Date.now() - t0 < 30_000, `${Date.now() - t0} ms`);
    ok(r.text.length > 0);
  });

  it('a 50 MB PDF is read in bounded time and pages', async () => {
    const big = bigPdf(320, 48 * 1024 * 1024);
    ok(big.length > 48 * 1024 * 1024);
    const t0 = Date.now();
    const before = process.memoryUsage().rss;
    const r = await importReport(big, 'big.pdf');
    const ms = Date.now() - t0;
    ok(ms < 60_000, `${ms} ms`);
    ok(process.memoryUsage().rss - before < 600 * 1024 * 1024, 'memory');
    match(r.warnings.join('\n'), /共 320 页，只读取了前 300 页/);
    match(r.text, /page 300 line 1/);
    ok(!r.text.includes('page 301 '));
    checkReport(r.text);
  });

  it('stops at the page cap it is given, in time linear in the pages read', async () => {
    const pdf = bigPdf(40, 0);
    const r = await importReport(pdf, 'x.pdf', { pdf: { maxPages: 10 } });
    match(r.warnings[0], /共 40 页，只读取了前 10 页/);
    ok(!r.text.includes('page 11 '));
  });
});

describe('damaged and unknown files', () => {
  const refuses = async (data: Uint8Array, name: string, code: string, re: RegExp) => {
    await rejects(importReport(data, name), (e: ImportError) => {
      ok(e instanceof ImportError, String(e));
      strictEqual(e.code, code);
      match(e.message, re);
      return true;
    });
  };
  it('a truncated .docx', () => refuses(bytes(join(FIX, 'corrupt.docx')), 'corrupt.docx', 'corrupt-docx', /无法读取这个 Word 文件/));
  it('a .docx that is not a zip', () => refuses(strToU8('hello'), 'a.docx', 'not-docx', /不是 Word 文件/));
  it('a zip without word/document.xml', () => refuses(zipSync({ 'a.txt': strToU8('x') }), 'a.docx', 'corrupt-docx', /word\/document\.xml/));
  it('a .pdf that is not a PDF', () => refuses(bytes(join(FIX, 'not-a-pdf.pdf')), 'not-a-pdf.pdf', 'not-pdf', /不是 PDF 文件/));
  it('garbage', () => refuses(new Uint8Array([1, 2, 3, 0, 255, 7]), 'x.bin', 'unknown-format', /无法识别的文件类型/));
  it('an empty file', () => refuses(new Uint8Array(0), 'x.pdf', 'empty', /空/));
  it('a PDF header with nothing after it', () => refuses(strToU8('%PDF-1.7\n'), 'x.pdf', 'corrupt-pdf', /无法读取这个 PDF/));
  it('a truncated PDF: a clear error or the text it still holds, never a crash', async () => {
    try {
      const r = await importReport(bytes(join(FIX, 'truncated.pdf')), 'truncated.pdf');
      checkReport(r.text);
    } catch (e) {
      ok(e instanceof ImportError, String(e));
    }
  });
  it('sniffs by content when the name says nothing', async () => {
    strictEqual((await importReport(bytes(join(CORPUS, 'files', 'nanhe-housing-2023-prose.docx')), 'download')).source, 'docx');
    strictEqual((await importReport(strToU8('<p>一、总体情况</p>'), 'download')).source, 'html');
  });
});

/** A PDF written by hand: `pages` pages of Helvetica text and an unreferenced stream of `junk` bytes. */
function bigPdf(pages: number, junk: number, content?: string): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  const offsets: number[] = [];
  const add = (s: string | Uint8Array) => {
    const b = typeof s === 'string' ? strToU8(s) : s;
    parts.push(b);
    size += b.length;
  };
  const obj = (n: number, body: string) => {
    offsets[n] = size;
    add(`${n} 0 obj\n${body}\nendobj\n`);
  };
  add('%PDF-1.4\n');
  const first = 4;
  const kids = Array.from({ length: pages }, (_, i) => `${first + 2 * i} 0 R`).join(' ');
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
  obj(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  for (let i = 0; i < pages; i++) {
    const lines = content ?? Array.from({ length: 20 }, (_, k) => `BT /F1 10 Tf 50 ${780 - k * 30} Td (page ${i + 1} line ${k + 1} text) Tj ET`).join('\n');
    obj(first + 2 * i, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${first + 2 * i + 1} 0 R >>`);
    obj(first + 2 * i + 1, `<< /Length ${lines.length} >>\nstream\n${lines}\nendstream`);
  }
  const junkN = first + 2 * pages;
  if (junk) {
    offsets[junkN] = size;
    add(`${junkN} 0 obj\n<< /Length ${junk} >>\nstream\n`);
    const chunk = new Uint8Array(1024 * 1024);
    for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 7919) & 0xff;
    for (let left = junk; left > 0; left -= chunk.length) add(left >= chunk.length ? chunk : chunk.subarray(0, left));
    add('\nendstream\nendobj\n');
  }
  const count = junk ? junkN + 1 : junkN;
  const xref = size;
  let table = `xref\n0 ${count}\n0000000000 65535 f \n`;
  for (let n = 1; n < count; n++) table += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  add(`${table}trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
