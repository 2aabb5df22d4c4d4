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
// Usage: node scripts/corpus/make-import-fixtures.mjs   (needs chromium and iconv; playwright-core and fflate
// from the devDependencies). Each fixture's truth is the corpus truth of the document it was made from.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const { zipSync, strToU8 } = require('fflate');
const { parseDocument } = require('htmlparser2');
const corpus = join(root, 'test/corpus');
const out = join(corpus, 'import');
mkdirSync(out, { recursive: true });
const html = (doc) => readFileSync(join(corpus, 'html', `${doc}.html`), 'utf8');

// ---------------------------------------------------------------- GBK page
{
  const doc = 'nanzhao-county-2020';
  const page = html(doc).replace(/<meta charset="utf-8">/i, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">');
  writeFileSync(join(out, 'gbk-page.utf8.tmp'), page);
  const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK', join(out, 'gbk-page.utf8.tmp')]);
  writeFileSync(join(out, 'gbk-page.html'), gbk);
  execFileSync('rm', [join(out, 'gbk-page.utf8.tmp')]);
  console.log('gbk-page.html', gbk.length, 'bytes from', doc);
}

// ---------------------------------------------------------------- article inside site navigation
{
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
const para = (text) => `<w:p><w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
function cellXml(parts, span, merge) {
  const pr = `<w:tcPr>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${merge ? `<w:vMerge${merge === 'restart' ? ' w:val="restart"' : ''}/>` : ''}</w:tcPr>`;
  const ps = parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '');
  return `<w:tc>${pr}${(ps.length ? ps : ['']).map(para).join('')}</w:tc>`;
}
function tableXml(table) {
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
        cells.push(cellXml([''], p.span, 'continue'));
        p.left--;
        if (!p.left) pending.delete(col);
        col += p.span;
      }
    };
    for (const td of tds) {
      emitCovered();
      const span = Number(td.attribs.colspan ?? 1);
      const rowspan = Number(td.attribs.rowspan ?? 1);
      cells.push(cellXml(textOf(td, ['']), span, rowspan > 1 ? 'restart' : undefined));
      if (rowspan > 1) pending.set(col, { span, left: rowspan - 1 });
      col += span;
    }
    emitCovered();
    grid.push(col);
    return `<w:tr>${cells.join('')}</w:tr>`;
  });
  const width = Math.max(...grid);
  return `<w:tbl><w:tblPr><w:tblBorders><w:top w:val="single"/><w:bottom w:val="single"/><w:insideH w:val="single"/><w:insideV w:val="single"/></w:tblBorders></w:tblPr><w:tblGrid>${'<w:gridCol w:w="600"/>'.repeat(width)}</w:tblGrid>${xmlRows.join('')}</w:tbl>`;
}
function docxOf(src) {
  const dom = parseDocument(src, { decodeEntities: true, lowerCaseTags: true });
  const body = [];
  const visit = (n) => {
    for (const c of n.children ?? []) {
      if (c.type !== 'tag' || ['script', 'style', 'head', 'title'].includes(c.name)) continue;
      if (c.name === 'table') body.push(tableXml(c));
      else if (['p', 'h1', 'h2', 'h3', 'h4', 'div'].includes(c.name) && !(c.children ?? []).some((x) => x.name === 'table' || x.name === 'p' || x.name === 'div')) {
        const text = textOf(c, ['']).join('\n').replace(/[ \t\r\u00a0]+/g, ' ').trim();
        if (text) body.push(para(text));
      } else visit(c);
    }
  };
  visit(dom);
  const documentXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.join('')}<w:sectPr/></w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/document.xml': strToU8(documentXml),
  }, { mtime: new Date('2024-01-01T00:00:00Z') });
}
for (const doc of ['anping-health-commission-2020', 'ningyuan-transport-2022', 'moumou-county-market-regulation-2021']) {
  writeFileSync(join(out, `library-${doc}.docx`), docxOf(html(doc)));
  console.log(`library-${doc}.docx`);
}

// ---------------------------------------------------------------- corrupt files
{
  const docx = readFileSync(join(corpus, 'files', 'weibin-district-office-2019.docx'));
  writeFileSync(join(out, 'corrupt.docx'), docx.subarray(0, Math.floor(docx.length / 2)));
  writeFileSync(join(out, 'not-a-pdf.pdf'), '<html><body>这不是 PDF</body></html>\n');
  const pdf = readFileSync(join(corpus, 'files', 'weibin-district-office-2019.pdf'));
  writeFileSync(join(out, 'truncated.pdf'), pdf.subarray(0, Math.floor(pdf.length * 0.4)));
  console.log('corrupt.docx, not-a-pdf.pdf, truncated.pdf');
}

// ---------------------------------------------------------------- Chromium: broken table, scanned page
{
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
