// Regenerates test/corpus/import/: real files for the importer tests, made from the corpus' web pages.
//   gbk-page.html              a page saved in GBK, declared by <meta http-equiv … charset=gb2312>
//   nav-wrapped.html           an article inside a site's header menu, sidebar and footer (with numbers)
//   table-break.pdf            Chromium print with big top margin and page numbers (— n —) in the footer,
//                              so table 3 breaks across pages with a page number inside it
//   scanned.pdf                one page that is only a PNG of text (no text layer)
//   library-<doc>.docx         a minimal Word file written by hand with fflate (w:gridSpan, w:vMerge)
//   corrupt.docx               a corpus .docx cut in half
//   not-a-pdf.pdf              an HTML page named .pdf
//   truncated.pdf              the first 40 % of a corpus PDF
//   ruled-blanks.lo.pdf        a sparse 2021 report whose zero cells are empty cells of ruled (bordered) tables, with
//   ruled-blanks.chromium.pdf  the misprinted row label 2.其他法律行政止公开 (fed in as HTML): LibreOffice Writer → PDF
//                              and Chromium print → PDF; a page of table 3 holds only blank rows. Truth: ruled-blanks.json
//   narrow-ruled.lo.pdf        a 2019 report whose tables have no cell padding, labels set right and numbers left, so a
//   narrow-plain.lo.pdf        label touches its first number (`规章0`): a hand-written .docx → LibreOffice Writer → PDF,
//   narrow-ruled.chromium.pdf  with and without table borders, and the same as HTML → Chromium print. Truth: narrow.json
//   narrow-plain.chromium.pdf
//   cmap-stsong.pdf            a PDF written by hand whose only font is STSong-Light, not embedded, encoding
//                              UniGB-UCS2-H (Adobe-GB1, no ToUnicode): its text is read only through pdf.js's CMaps.
//                              Its ruled table 2 prints each label and first number as one string across the rule
//                              (`行政规范性文件3`, `行政处罚 9`).
//   cmap-stsong-plain.pdf      the same page without ruling lines
//   cmap-refused.pdf           the same page, but a cell holding two numbers and a number painted across its rule.
//                              Truth (all three): cmap-stsong.json
// Usage: node scripts/corpus/make-import-fixtures.mjs [group …]   groups: gbk nav library corrupt chromium ruled narrow cmap
// (default: all). Needs chromium, iconv and soffice; playwright-core, fflate and htmlparser2 from the devDependencies.
// The first fixtures' truth is the corpus truth of the document each was made from; the later ones write their own.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { section1, section2, section3, section4, section5, section6 } from './prose.mjs';
import { heading, page, para as para2, t3RowIds, table2, table3, table4 } from './render.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const { zipSync, strToU8 } = require('fflate');
const { parseDocument } = require('htmlparser2');
const corpus = join(root, 'test/corpus');
const out = join(corpus, 'import');
mkdirSync(out, { recursive: true });
const html = (doc) => readFileSync(join(corpus, 'html', `${doc}.html`), 'utf8');
const groups = process.argv.slice(2);
const want = (g) => !groups.length || groups.includes(g);

// ---------------------------------------------------------------- GBK page
if (want('gbk')) {
  const doc = 'nanzhao-county-2020';
  const page = html(doc).replace(/<meta charset="utf-8">/i, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">');
  writeFileSync(join(out, 'gbk-page.utf8.tmp'), page);
  const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK', join(out, 'gbk-page.utf8.tmp')]);
  writeFileSync(join(out, 'gbk-page.html'), gbk);
  execFileSync('rm', [join(out, 'gbk-page.utf8.tmp')]);
  console.log('gbk-page.html', gbk.length, 'bytes from', doc);
}

// ---------------------------------------------------------------- article inside site navigation
if (want('nav')) {
  const doc = 'changfeng-natural-resources-2020';
  const src = html(doc);
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(src)[1];
  const head = /<head[^>]*>([\s\S]*)<\/head>/i.exec(src)[1];
  const menu = ['首页', '政务公开', '政府信息公开年报', '办事服务', '互动交流', '走进长丰'].map((m) => `<li><a href="#">${m}</a></li>`).join('');
  const side = ['一、政府信息公开指南', '二、政府信息公开制度', '三、法定主动公开内容', '四、政府信息公开年报', '五、依申请公开'].map((m) => `<li><a href="#">${m}</a></li>`).join('');
  const page = `<!DOCTYPE html><html lang="zh-CN"><head>${head}</head><body>
<div class="header"><div class="logo">长丰县人民政府</div><ul class="nav">${menu}</ul>
<div class="search"><input type="text" placeholder="请输入关键字"><button>搜索</button></div></div>
<div class="main"><div class="sidebar"><h3>信息公开目录</h3><ul>${side}</ul>
<table class="links"><tr><td>访问量</td><td>123456</td></tr><tr><td>今日</td><td>789</td></tr></table></div>
<div class="content"><div class="position">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<div class="article-box">${body}</div>
<div class="share">分享到：微信 微博</div></div></div>
<div class="footer"><p>主办单位：长丰县自然资源局 联系电话：0551-12345678</p><p>皖ICP备12345678号 皖公网安备 34012102000123号 网站标识码 3401210001</p>
<table><tr><td>2020</td><td>1</td><td>2</td><td>3</td></tr></table></div>
</body></html>`;
  writeFileSync(join(out, 'nav-wrapped.html'), page);
  console.log('nav-wrapped.html from', doc);
}

// ---------------------------------------------------------------- library-written Word files
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function textOf(n, parts) {
  for (const c of n.children ?? []) {
    if (c.type === 'text') parts[parts.length - 1] += c.data;
    else if (c.type === 'tag' && !['script', 'style'].includes(c.name)) {
      if (['p', 'br', 'div'].includes(c.name)) parts.push('');
      textOf(c, parts);
    }
  }
  return parts;
}
// `o` (the narrow fixtures only): cell margins 0, labels set right and numbers left, given column widths,
// borders or none, a CJK font; without it the library-written files stay as they were.
const para = (text, o, jc) => o
  ? `<w:p><w:pPr><w:spacing w:before="0" w:after="0"/>${jc ? `<w:jc w:val="${jc}"/>` : ''}</w:pPr><w:r><w:rPr><w:rFonts w:ascii="Noto Serif CJK SC" w:eastAsia="Noto Serif CJK SC" w:hAnsi="Noto Serif CJK SC"/><w:sz w:val="21"/></w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`
  : `<w:p><w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
const isNumberText = (t) => /^[+-]?[\d,]+(?:\.\d+)?$/.test(t.trim());
function cellXml(parts, span, merge, o) {
  const pr = `<w:tcPr>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${merge ? `<w:vMerge${merge === 'restart' ? ' w:val="restart"' : ''}/>` : ''}</w:tcPr>`;
  const ps = parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '');
  const jc = o && ps.length ? (isNumberText(ps.join('')) ? 'left' : 'right') : undefined;
  return `<w:tc>${pr}${(ps.length ? ps : ['']).map((t) => para(t, o, jc)).join('')}</w:tc>`;
}
function tableXml(table, o) {
  const rows = [];
  const walk = (n) => { for (const c of n.children ?? []) { if (c.name === 'tr') rows.push(c); else if (['tbody', 'thead', 'tfoot'].includes(c.name)) walk(c); } };
  walk(table);
  const pending = new Map(); // col → rows still covered by a rowspan
  const grid = [];
  const xmlRows = rows.map((tr) => {
    let col = 0;
    const cells = [];
    const tds = (tr.children ?? []).filter((c) => c.name === 'td' || c.name === 'th');
    const emitCovered = () => {
      while (pending.get(col)) {
        const p = pending.get(col);
        cells.push(cellXml([''], p.span, 'continue', o));
        p.left--;
        if (!p.left) pending.delete(col);
        col += p.span;
      }
    };
    for (const td of tds) {
      emitCovered();
      const span = Number(td.attribs.colspan ?? 1);
      const rowspan = Number(td.attribs.rowspan ?? 1);
      cells.push(cellXml(textOf(td, ['']), span, rowspan > 1 ? 'restart' : undefined, o));
      if (rowspan > 1) pending.set(col, { span, left: rowspan - 1 });
      col += span;
    }
    emitCovered();
    grid.push(col);
    return `<w:tr>${cells.join('')}</w:tr>`;
  });
  const width = Math.max(...grid);
  if (!o) return `<w:tbl><w:tblPr><w:tblBorders><w:top w:val="single"/><w:bottom w:val="single"/><w:insideH w:val="single"/><w:insideV w:val="single"/></w:tblBorders></w:tblPr><w:tblGrid>${'<w:gridCol w:w="600"/>'.repeat(width)}</w:tblGrid>${xmlRows.join('')}</w:tbl>`;
  const border = (b) => `<w:${b} w:val="${o.borders ? 'single' : 'nil'}" w:sz="4" w:space="0" w:color="000000"/>`;
  const margins = ['top', 'left', 'bottom', 'right'].map((m) => `<w:${m} w:w="0" w:type="dxa"/>`).join('');
  return `<w:tbl><w:tblPr><w:tblLayout w:type="fixed"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders><w:tblCellMar>${margins}</w:tblCellMar></w:tblPr><w:tblGrid>${o.widths(width).map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${xmlRows.join('')}</w:tbl>`;
}
function docxOf(src, o) {
  const dom = parseDocument(src, { decodeEntities: true, lowerCaseTags: true });
  const body = [];
  const visit = (n) => {
    for (const c of n.children ?? []) {
      if (c.type !== 'tag' || ['script', 'style', 'head', 'title'].includes(c.name)) continue;
      if (c.name === 'table') body.push(tableXml(c, o));
      else if (['p', 'h1', 'h2', 'h3', 'h4', 'div'].includes(c.name) && !(c.children ?? []).some((x) => x.name === 'table' || x.name === 'p' || x.name === 'div')) {
        const text = textOf(c, ['']).join('\n').replace(/[ \t\r\u00a0]+/g, ' ').trim();
        if (text) body.push(para(text, o));
      } else visit(c);
    }
  };
  visit(dom);
  const documentXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.join('')}${o ? '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1300" w:bottom="1440" w:left="1300" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr>' : '<w:sectPr/>'}</w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/document.xml': strToU8(documentXml),
  }, { mtime: new Date('2024-01-01T00:00:00Z') });
}
for (const doc of want('library') ? ['anping-health-commission-2020', 'ningyuan-transport-2022', 'moumou-county-market-regulation-2021'] : []) {
  writeFileSync(join(out, `library-${doc}.docx`), docxOf(html(doc)));
  console.log(`library-${doc}.docx`);
}

// ---------------------------------------------------------------- corrupt files
if (want('corrupt')) {
  const docx = readFileSync(join(corpus, 'files', 'weibin-district-office-2019.docx'));
  writeFileSync(join(out, 'corrupt.docx'), docx.subarray(0, Math.floor(docx.length / 2)));
  writeFileSync(join(out, 'not-a-pdf.pdf'), '<html><body>这不是 PDF</body></html>\n');
  const pdf = readFileSync(join(corpus, 'files', 'weibin-district-office-2019.pdf'));
  writeFileSync(join(out, 'truncated.pdf'), pdf.subarray(0, Math.floor(pdf.length * 0.4)));
  console.log('corrupt.docx, not-a-pdf.pdf, truncated.pdf');
}

// ---------------------------------------------------------------- Chromium: broken table, scanned page
if (want('chromium')) {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  // A table broken across pages, with page numbers in the footer.
  await page.goto(pathToFileURL(join(corpus, 'html', 'shunhe-district-2020.html')).href);
  await page.pdf({
    path: join(out, 'table-break.pdf'), format: 'A4', displayHeaderFooter: true, headerTemplate: '<span></span>',
    footerTemplate: '<div style="width:100%;text-align:center;font-size:10px">— <span class="pageNumber"></span> —</div>',
    margin: { top: '60mm', bottom: '25mm', left: '18mm', right: '18mm' },
  });
  // A scan: a screenshot of the report's first screen, printed as an image only.
  await page.setViewportSize({ width: 800, height: 1100 });
  const png = await page.screenshot({ type: 'png' });
  await page.setContent(`<html><body style="margin:0"><img style="width:100%" src="data:image/png;base64,${png.toString('base64')}"></body></html>`);
  await page.pdf({ path: join(out, 'scanned.pdf'), format: 'A4' });
  await browser.close();
  console.log('table-break.pdf, scanned.pdf');
}

// ---------------------------------------------------------------- reports for the PDF fixtures below
// A report as the corpus builds one (render.mjs tables, prose.mjs sentences), its truth from the same data.
const HEADINGS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];
const sum = (a) => a.reduce((x, y) => x + y, 0);
function reportOf(d, i) {
  const ids = t3RowIds(d.format === '2019' ? 'single' : 'three');
  const six = {};
  for (const id of ids) six[id] = [...(d.t3[id] ?? [0, 0, 0, 0, 0, 0])];
  const results = ids.filter((id) => id.startsWith('3.') && id !== '3.7');
  six['3.7'] = [0, 1, 2, 3, 4, 5].map((c) => sum(results.map((id) => six[id][c])));
  six['4'] = [0, 1, 2, 3, 4, 5].map((c) => six['1'][c] + six['2'][c] - six['3.7'][c]);
  const apps = Object.fromEntries(ids.map((id) => [id, [...six[id], sum(six[id])]]));
  const title = `${d.body}${d.year}年政府信息公开工作年度报告`;
  const truth = { doc: d.doc, format: d.format, year: d.year, title, sound: true, expectedCodes: d.expectedCodes ?? [], quirks: d.quirks, tables: { applications: apps, review: d.rev, disclosure: d.t2 } };
  const P = (t) => para2(t, d.style);
  const body = [`<h1>${title}</h1>`, heading(HEADINGS[0], d.style), ...section1(d, i).map(P), heading(HEADINGS[1], d.style), ...section2(d, i).map(P),
    table2(d.format, d.t2, d.style), heading(HEADINGS[2], d.style), ...section3(d, truth.tables, i).map(P), table3(ids, apps, d.style),
    heading(HEADINGS[3], d.style), ...section4(d, truth.tables, i).map(P), table4(d.rev, d.style), heading(HEADINGS[4], d.style), ...section5(d, i).map(P),
    heading(HEADINGS[5], d.style), ...section6(d, i).map(P), `<p style="text-align:right">${d.body}</p>`, `<p style="text-align:right">${d.year + 1}年1月20日</p>`];
  return { html: page(title, body.join('\n'), d.style), truth };
}
const review = (r = [0, 0, 0, 0], s = [0, 0, 0, 0], a = [0, 0, 0, 0]) => ({ review: [...r, sum(r)], suitDirect: [...s, sum(s)], suitAfterReview: [...a, sum(a)] });
const writeTruth = (name, truth) => {
  const compact = (k, v) => (Array.isArray(v) && v.every((x) => typeof x === 'number') ? JSON.stringify(v) : v);
  writeFileSync(join(out, `${name}.json`), JSON.stringify(truth, compact, 2).replace(/"(\[[-0-9.,]*\])"/g, '$1') + '\n');
};
/** HTML → PDF by LibreOffice Writer (a private profile; one process per call). */
function writerPdf(src, name, filter) {
  const tmp = mkdtempSync(join(tmpdir(), 'xxgk-fixture-'));
  const file = join(tmp, `${name}.${filter === 'docx' ? 'docx' : 'html'}`);
  writeFileSync(file, src);
  const args = [`-env:UserInstallation=file://${tmp}/profile`, '--headless', '--norestore'];
  if (filter !== 'docx') args.push('--infilter=HTML (StarWriter)');
  execFileSync('soffice', [...args, '--convert-to', 'pdf:writer_pdf_Export', '--outdir', tmp, file], { stdio: 'ignore' });
  writeFileSync(join(out, `${name}.lo.pdf`), readFileSync(join(tmp, `${name}.pdf`)));
  rmSync(tmp, { recursive: true, force: true });
}
async function chromiumPdfs(jobs) {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const pg = await browser.newPage();
  for (const [src, name] of jobs) {
    await pg.setContent(src, { waitUntil: 'load' });
    await pg.pdf({ path: join(out, `${name}.chromium.pdf`), format: 'A4', margin: { top: '20mm', bottom: '20mm', left: '18mm', right: '18mm' } });
  }
  await browser.close();
}

// ---------------------------------------------------------------- ruled tables with blank cells
if (want('ruled')) {
  const d = {
    doc: 'ruled-blanks', format: '2021', year: 2022, body: '清河县应急管理局', self: '我局', prose3: 'plain',
    quirks: 'sparse report in ruled (bordered) tables: every zero is an empty cell, whole pages of table 3 hold only blank rows; row 3.3.2 printed with characters missing (2.其他法律行政止公开)',
    style: { cell: 'word', heading: 'word', blank: { a: 'empty', r: 'empty', d: 'empty' }, labels: { '2.其他法律行政法规禁止公开': '2.其他法律行政止公开' } },
    expectedCodes: ['blank-cell'],
    // Nothing from 3.3.3 to 3.6.3: the pages of table 3 between them hold only rows of blanks.
    t3: { '1': [9, 2, 0, 0, 1, 0], '2': [1, 0, 0, 0, 0, 0], '3.1': [4, 1, 0, 0, 0, 0], '3.2': [1, 0, 0, 0, 0, 0], '3.3.2': [2, 0, 0, 0, 1, 0] },
    rev: review([1, 0, 0, 0]),
    t2: { 规章: [0, 0, 0], 行政规范性文件: [3, 0, 12], 行政许可: [57], 行政处罚: [9], 行政强制: [0], 行政事业性收费: [0] },
  };
  const { html: src, truth } = reportOf(d, 3);
  writeTruth('ruled-blanks', truth);
  writerPdf(src, 'ruled-blanks');
  await chromiumPdfs([[src, 'ruled-blanks']]);
  console.log('ruled-blanks.lo.pdf, ruled-blanks.chromium.pdf, ruled-blanks.json');
}

// ---------------------------------------------------------------- narrow tables: a label against its number
if (want('narrow')) {
  const d = {
    doc: 'narrow', format: '2019', year: 2020, body: '青石镇人民政府', self: '我镇', prose3: 'plain',
    quirks: 'tables without cell padding, labels set right and numbers left: a label touches its first number',
    style: { cell: 'p', heading: 'p' },
    t3: { '1': [23, 4, 0, 1, 2, 1], '2': [2, 0, 0, 0, 0, 0], '3.1': [12, 2, 0, 1, 1, 0], '3.2': [3, 1, 0, 0, 0, 0], '3.3.4': [1, 0, 0, 0, 0, 0], '3.4.1': [4, 0, 0, 0, 1, 1], '3.5.2': [2, 1, 0, 0, 0, 0] },
    rev: review([1, 1, 0, 0], [0, 0, 1, 0]),
    t2: { 规章: [0, 0, 0], 规范性文件: [5, 5, 38], 行政许可: [230, -12, 1764], 其他对外管理服务事项: [41, 3, 502], 行政处罚: [27, 0, 91], 行政强制: [3, 1, 6], 行政事业性收费: [4, 0], 政府集中采购: [9, 312.5] },
  };
  const { html: src, truth } = reportOf(d, 5);
  writeTruth('narrow', truth);
  // Labels set right, numbers left, no padding: the label's last character meets the rule its number starts at.
  const aligned = (bordered) => src
    .replace('</style>', `td{padding:0 !important;border:${bordered ? '0.75pt solid #000' : 'none'} !important}td p{margin:0}\n</style>`)
    .replace(/<td([^>]*)><p>([^<]*)<\/p><\/td>/g, (_, a, t) => `<td${a} style="text-align:${isNumberText(t) ? 'left' : 'right'}"><p>${t}</p></td>`);
  await chromiumPdfs([[aligned(true), 'narrow-ruled'], [aligned(false), 'narrow-plain']]);
  const widths = (n) => (n === 4 ? [2600, 1300, 1300, 1300] : n === 10 ? [450, 700, 3500, ...Array(7).fill(640)] : Array(n).fill(Math.floor(9300 / n)));
  writerPdf(docxOf(src, { borders: true, widths }), 'narrow-ruled', 'docx');
  writerPdf(docxOf(src, { borders: false, widths }), 'narrow-plain', 'docx');
  console.log('narrow-{ruled,plain}.{lo,chromium}.pdf, narrow.json');
}

// ---------------------------------------------------------------- a PDF written by hand: a CJK font it does not embed
// STSong-Light is one of the CJK fonts every PDF reader must supply itself; its text is two-byte UCS-2 codes that
// only the CMaps UniGB-UCS2-H (code → CID) and Adobe-GB1-UCS2 (CID → Unicode) turn into characters: no ToUnicode.
// Widths: /DW 1000 for ideographs, /W 500 for the Latin CIDs (both the proportional and the half-width ranges).
if (want('cmap')) {
  const ucs2 = (s) => [...s].map((c) => c.codePointAt(0).toString(16).padStart(4, '0')).join('').toUpperCase();
  const width = (s, size) => [...s].reduce((w, c) => w + (c.codePointAt(0) < 0x80 ? 0.5 : 1) * size, 0);
  /** One page of text runs `[x, y, size, text]` and rules `[x0, y0, x1, y1]` → content stream. */
  const content = (runs, rules) => [
    ...rules.map(([x0, y0, x1, y1]) => `0.6 w ${x0} ${y0} m ${x1} ${y1} l S`),
    ...runs.map(([x, y, size, text]) => `BT /F1 ${size} Tf 1 0 0 1 ${x} ${y} Tm <${ucs2(text)}> Tj ET`),
  ].join('\n');
  const pdfOf = (pages) => {
    const objs = [];
    const add = (body) => { objs.push(body); return objs.length; };
    const catalog = add(null);
    const pagesObj = add(null);
    const descriptor = add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>');
    const cidFont = add(`<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /W [1 95 500 814 939 500 7712 7716 500] >>`);
    const font = add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`);
    const kids = pages.map(([runs, rules]) => {
      const stream = content(runs, rules);
      const c = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
      return add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${c} 0 R >>`);
    });
    objs[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
    objs[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
    let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
    const offsets = [];
    objs.forEach((body, i) => { offsets.push(Buffer.byteLength(pdf, 'latin1')); pdf += `${i + 1} 0 obj\n${body}\nendobj\n`; });
    const xref = Buffer.byteLength(pdf, 'latin1');
    pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    pdf += `trailer\n<< /Size ${objs.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return Buffer.from(pdf, 'latin1');
  };
  const t2 = { 规章: [0, 0, 0], 行政规范性文件: [3, 0, 12], 行政许可: [57], 行政处罚: [9], 行政强制: [0], 行政事业性收费: [0] };
  const title = '某县应急管理局2022年政府信息公开工作年度报告';
  /**
   * The report's first page with table 2 (2021 format). Each data row's label is set right against its
   * first value column, and label and first number are ONE text string (`行政规范性文件3`, or with a space:
   * `行政处罚 9`) crossing the rule between them; the other numbers stand alone in their cells.
   */
  const page1 = (ruled) => {
    const S = 10.5;
    const xs = [72, 200, 290, 380, 470];
    const runs = [[120, 790, 16, title], [72, 760, 12, '一、总体情况'], [94, 740, S, '2022年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，现将本年度工作情况报告如下。'],
      [72, 712, 12, '二、主动公开政府信息情况']];
    const rules = [];
    let y = 690;
    const row = (cells) => {
      const top = y;
      const bottom = y - 22;
      const base = bottom + 7;
      const edges = [xs[0], ...cells.map((c) => c.to ?? xs[xs.length - 1])];
      if (ruled) {
        rules.push([xs[0], top, xs[xs.length - 1], top]);
        for (const x of edges) rules.push([x, top, x, bottom]);
      }
      for (const c of cells) if (c.text) runs.push([c.x ?? c.from + 6, base, S, c.text]);
      y = bottom;
    };
    const glued = (label, first) => ({ text: `${label}${first}`, x: xs[1] - width(label, S), to: xs[1] });
    const block = (item, heads, rows) => {
      row([{ text: item, from: xs[0] }]);
      row([{ text: '信息内容', from: xs[0], to: xs[1] }, ...heads.map((h, k) => ({ text: h, from: xs[1 + k], to: heads.length === 1 ? xs[4] : xs[2 + k] }))]);
      for (const [label, values, sep = ''] of rows) {
        const lead = glued(label + sep, values[0]);
        if (sep) lead.x = xs[1] - width(label + sep, S);
        // The first value's cell is drawn, its number printed by the label's string.
        row([lead, { to: values.length === 1 ? xs[4] : xs[2] }, ...values.slice(1).map((v, k) => ({ text: String(v), from: xs[2 + k], to: xs[3 + k] }))]);
      }
    };
    block('第二十条第（一）项', ['本年制发件数', '本年废止件数', '现行有效件数'], [['规章', t2.规章], ['行政规范性文件', t2.行政规范性文件]]);
    block('第二十条第（五）项', ['本年处理决定数量'], [['行政许可', t2.行政许可]]);
    block('第二十条第（六）项', ['本年处理决定数量'], [['行政处罚', t2.行政处罚, ' '], ['行政强制', t2.行政强制]]);
    block('第二十条第（八）项', ['本年收费金额（单位：万元）'], [['行政事业性收费', t2.行政事业性收费]]);
    if (ruled) rules.push([xs[0], y, xs[xs.length - 1], y]);
    runs.push([72, y - 30, 12, '三、收到和处理政府信息公开申请情况'], [94, y - 50, S, '本年度我局未收到政府信息公开申请。']);
    runs.push([72, y - 80, 12, '四、政府信息公开行政复议、行政诉讼情况'], [94, y - 100, S, '本年度未发生政府信息公开行政复议、行政诉讼案件。']);
    runs.push([72, y - 130, 12, '五、存在的主要问题及改进情况'], [94, y - 150, S, '公开内容的及时性有待提高。']);
    runs.push([72, y - 180, 12, '六、其他需要报告的事项'], [94, y - 200, S, '本年度未收取信息处理费。']);
    return [runs, rules];
  };
  writeFileSync(join(out, 'cmap-stsong.pdf'), pdfOf([page1(true)]));
  // The same page where the positions cannot place a number: the first cell of 规章 holds two numbers
  // (`1` and `2` side by side), and the `3` of `行政规范性文件3` is painted across its rule.
  const [runs, rules] = page1(true);
  const at = (text) => runs.findIndex((r) => r[3] === text);
  runs[at('规章0')] = [200 - 2 * 10.5, runs[at('规章0')][1], 10.5, '规章'];
  runs.push([206, runs[at('规章')][1], 10.5, '1'], [230, runs[at('规章')][1], 10.5, '2']);
  runs[at('行政规范性文件3')][0] -= 2.5;
  writeFileSync(join(out, 'cmap-refused.pdf'), pdfOf([[runs, rules]]));
  writeFileSync(join(out, 'cmap-stsong-plain.pdf'), pdfOf([page1(false)]));
  writeTruth('cmap-stsong', { doc: 'cmap-stsong', format: '2021', year: 2022, title, sound: false, expectedCodes: [], quirks: 'written by hand: STSong-Light not embedded, UniGB-UCS2-H, no ToUnicode; label and first number one string across the rule', tables: { disclosure: t2 } });
  console.log('cmap-stsong.pdf, cmap-stsong-plain.pdf, cmap-refused.pdf, cmap-stsong.json');
}
