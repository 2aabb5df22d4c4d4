/**
 * A web page (.html/.htm, also a page saved with its site's navigation) → the normalized report
 * text. Parsed with htmlparser2 (a small, maintained, forgiving parser that is already the
 * reader's HTML parser); legacy encodings (GB2312/GBK/GB18030) decoded with TextDecoder.
 * The report's article is the smallest element that holds its section headings and tables, so
 * menus, sidebars and footers around it are left out.
 */
import { parseDocument } from 'htmlparser2';
import { Block, ImportResult, TCell, TRow, cellText, collapse, writeBlocks } from './model';

/** The minimal DOM shape of domhandler's nodes. */
interface HNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: HNode[];
  data?: string;
  parent?: HNode | null;
}

const BLOCK = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article', 'main',
  'header', 'footer', 'nav', 'aside', 'blockquote', 'pre', 'center', 'form', 'hr', 'address', 'figure', 'figcaption',
  'caption', 'table', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'body', 'html', 'fieldset', 'legend', 'details', 'summary',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object', 'svg', 'select', 'button', 'textarea', 'input', 'img', 'video', 'audio', 'canvas', 'map']);
/** Site chrome by element name or by class/id. */
const CHROME_TAGS = new Set(['nav', 'header', 'footer', 'aside']);
const CHROME_NAME = /(?:^|[\s_-])(?:nav|navbar|menu|menus|footer|foot|header|head|top|sidebar|side|breadcrumbs?|crumbs?|share|copyright|links?|login|search|banner|position|location|weizhi|dqwz)(?:$|[\s_-]|\d)/i;

// ---------------------------------------------------------------- decoding

const LABELS: Record<string, string> = { gb2312: 'gb18030', gbk: 'gb18030', gb18030: 'gb18030', 'x-gbk': 'gb18030', big5: 'big5', 'utf-8': 'utf-8', utf8: 'utf-8' };

/** Decodes a page: BOM, then `<meta charset>` / `<meta http-equiv content="…charset=…">`, then UTF-8 if valid, else GB18030. */
export function decodeHtml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8192));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head);
  const declared = m ? m[1].toLowerCase() : undefined;
  const label = declared ? LABELS[declared] ?? declared : undefined;
  if (label) {
    try {
      // A page declared UTF-8 that is not valid UTF-8 was saved in the local encoding.
      if (label === 'utf-8') return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return new TextDecoder(label).decode(bytes);
    } catch {
      // Not that encoding after all: UTF-8 below, then the fallback.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

// ---------------------------------------------------------------- walking

interface RawBlock {
  kind: 'paragraph' | 'table';
  text: string;
  rows?: TRow[];
  /** Elements enclosing the block, outermost first. */
  path: HNode[];
}

function hidden(n: HNode): boolean {
  const style = n.attribs?.style;
  return (!!style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) || n.attribs?.hidden !== undefined;
}

/** Text pieces of an element, split at block boundaries and `<br>` (cells keep pieces apart). */
function pieces(n: HNode, out: string[]): void {
  for (const c of n.children ?? []) {
    if (c.type === 'text') {
      if (out.length === 0) out.push('');
      out[out.length - 1] += c.data ?? '';
    } else if ((c.type === 'tag' || c.type === 'script' || c.type === 'style') && c.name && !SKIP.has(c.name) && !hidden(c)) {
      if (c.name === 'br' || BLOCK.has(c.name)) out.push('');
      pieces(c, out);
      if (BLOCK.has(c.name)) out.push('');
    }
  }
}

function tag(n: HNode): string | undefined {
  return n.type === 'tag' ? n.name : undefined;
}

/** The rows of a table element (through thead/tbody/tfoot), not those of nested tables. */
function tableRows(table: HNode): HNode[] {
  const rows: HNode[] = [];
  const walk = (n: HNode) => {
    for (const c of n.children ?? []) {
      const name = tag(c);
      if (name === 'tr') rows.push(c);
      else if (name === 'thead' || name === 'tbody' || name === 'tfoot' || name === 'form') walk(c);
    }
  };
  walk(table);
  return rows;
}

function cellsOf(tr: HNode): HNode[] {
  return (tr.children ?? []).filter((c) => tag(c) === 'td' || tag(c) === 'th');
}

function hasNestedTable(n: HNode): boolean {
  for (const c of n.children ?? []) {
    if (tag(c) === 'table') return true;
    if (c.children && hasNestedTable(c)) return true;
  }
  return false;
}

const span = (v: string | undefined) => Math.max(1, Math.min(100, Number.parseInt(v ?? '1', 10) || 1));

/** A data table as rows of cells with their grid columns (rowspan/colspan expanded). */
function readTable(table: HNode): TRow[] {
  const rows: TRow[] = [];
  const taken = new Map<number, Set<number>>();
  const occupied = (r: number) => taken.get(r) ?? taken.set(r, new Set()).get(r)!;
  tableRows(table).forEach((tr, r) => {
    if (hidden(tr)) return;
    const row: TRow = { cells: [], index: r };
    let col = 0;
    cellsOf(tr).forEach((td, index) => {
      const t = occupied(r);
      while (t.has(col)) col++;
      const colSpan = span(td.attribs?.colspan);
      const rowSpan = span(td.attribs?.rowspan);
      const parts: string[] = [];
      pieces(td, parts);
      const cell: TCell = { text: cellText(parts), col, colSpan, rowSpan, index };
      row.cells.push(cell);
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) occupied(r + dr).add(col + dc);
      col += colSpan;
    });
    taken.delete(r - 1);
    rows.push(row);
  });
  return rows;
}

const CJK_BREAK = /(?<=[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f])[ \t]*[\r\n]+[ \t]*(?=[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f])/g;

/** Source line breaks are spaces in HTML (none between CJK characters); only `<br>` breaks a line. */
function sourceText(data: string): string {
  return data.replace(CJK_BREAK, '').replace(/[\r\n\t]+/g, ' ');
}

/** Walks the document into paragraph and table blocks, each with its enclosing elements. */
function walk(root: HNode): RawBlock[] {
  const blocks: RawBlock[] = [];
  const path: HNode[] = [];
  let buf = '';
  const flush = () => {
    if (collapse(buf) !== '' || buf.includes('\n')) {
      if (collapse(buf) !== '') blocks.push({ kind: 'paragraph', text: buf, path: [...path] });
    }
    buf = '';
  };
  const visit = (n: HNode) => {
    for (const c of n.children ?? []) {
      if (c.type === 'text') {
        buf += sourceText(c.data ?? '');
        continue;
      }
      const name = tag(c) ?? (c.type === 'script' || c.type === 'style' ? c.name : undefined);
      if (!name || SKIP.has(name) || hidden(c)) continue;
      if (name === 'br') {
        buf += '\n';
        continue;
      }
      if (name === 'table') {
        flush();
        const rows = tableRows(c);
        const oneCell = rows.length <= 1 && rows.every((r) => cellsOf(r).length <= 1);
        if (oneCell || hasNestedTable(c)) {
          // A layout table (the page's frame, or a box around the article): its cells are containers.
          path.push(c);
          for (const r of rows) for (const td of cellsOf(r)) {
            path.push(td);
            visit(td);
            flush();
            path.pop();
          }
          path.pop();
          continue;
        }
        blocks.push({ kind: 'table', text: '', rows: readTable(c), path: [...path, c] });
        continue;
      }
      const block = BLOCK.has(name);
      if (block) flush();
      path.push(c);
      visit(c);
      path.pop();
      if (block) flush();
    }
  };
  visit(root);
  flush();
  return blocks;
}

// ---------------------------------------------------------------- the article

const HEADING = /^[（(]?\s*([一二三四五六])\s*[、.．，,]/;
/** What each section heading speaks of (a menu's `三、法定主动公开内容` is no heading 三). */
const HEADING_WORDS: Record<string, RegExp> = {
  一: /总体情况|概述|总体/, 二: /主动公开/, 三: /申请/, 四: /复议|诉讼/, 五: /问题|改进|整改/, 六: /其他/,
};
const TABLE_WORDS = /申请人情况|第二十条|行政复议|结果维持|信息内容|本年新收/;

function blockText(b: RawBlock): string {
  if (b.kind === 'paragraph') return collapse(b.text);
  return (b.rows ?? []).map((r) => r.cells.map((c) => c.text).join(' ')).join(' ');
}

function isChrome(n: HNode): boolean {
  const name = tag(n);
  if (!name) return false;
  if (CHROME_TAGS.has(name)) return true;
  const names = `${n.attribs?.class ?? ''} ${n.attribs?.id ?? ''}`;
  return CHROME_NAME.test(names);
}

function lowestCommonAncestor(paths: HNode[][]): number {
  if (!paths.length) return 0;
  let depth = 0;
  for (;;) {
    const n = paths[0][depth];
    if (!n || paths.some((p) => p[depth] !== n)) return depth;
    depth++;
  }
}

/** The blocks of the report's article: the deepest element holding its headings and tables. */
function article(blocks: RawBlock[], titleText: string): RawBlock[] {
  const numbers = new Set<string>();
  const anchors: RawBlock[] = [];
  for (const b of blocks) {
    const text = blockText(b);
    if (b.kind === 'table') {
      if (TABLE_WORDS.test(text)) anchors.push(b);
      continue;
    }
    const m = HEADING.exec(text);
    if (m && text.length <= 40 && HEADING_WORDS[m[1]].test(text)) anchors.push(b);
  }
  // Headings inside the site's chrome (a sidebar's menu) are not the article's, when it has its own.
  const inArticle = anchors.filter((b) => !b.path.some(isChrome));
  if (inArticle.some((b) => b.kind === 'paragraph')) anchors.splice(0, anchors.length, ...inArticle);
  for (const b of anchors) if (b.kind === 'paragraph') numbers.add(HEADING.exec(blockText(b))![1]);
  let chosen: RawBlock[];
  if (numbers.size >= 2) {
    const depth = lowestCommonAncestor(anchors.map((b) => b.path));
    const root = anchors[0].path.slice(0, depth);
    chosen = blocks.filter((b) => root.every((n, i) => b.path[i] === n));
  } else {
    chosen = blocks.filter((b) => !b.path.some(isChrome));
    if (!chosen.length) chosen = blocks;
  }
  // The title often sits above the article's element: bring it back when the article lacks one.
  const start = blocks.indexOf(chosen[0]);
  const firstHeading = chosen.findIndex((b) => b.kind === 'paragraph' && HEADING.test(blockText(b)) && blockText(b).length <= 40);
  const head = chosen.slice(0, firstHeading < 0 ? 3 : firstHeading);
  // A title names the report (`…2023年政府信息公开工作年度报告`); the preamble above 一 also says
  // 报告 (`本报告根据《条例》…编制`) but is a sentence, not a title.
  if (!head.some((b) => b.kind === 'paragraph' && isTitle(blockText(b)))) {
    for (let i = start - 1; i >= 0 && i >= start - 40; i--) {
      const b = blocks[i];
      if (b.kind === 'paragraph' && isTitle(blockText(b)) && !b.path.some((n) => tag(n) === 'nav')) return [b, ...chosen];
    }
    const title = titleText.split(/\s*[-_|｜—]+\s*/).find(isTitle);
    if (title) return [{ kind: 'paragraph', text: title, path: [] }, ...chosen];
  }
  return chosen;
}

function isTitle(text: string): boolean {
  return /报告/.test(text) && text.length <= 80 && !/[。；]/.test(text) && !/^本/.test(text);
}

/** The page's own name for the article: a CMS's `<meta name="ArticleTitle">`, else `<title>`. */
function documentTitle(root: HNode): string {
  let found = '';
  let meta = '';
  const find = (n: HNode) => {
    for (const c of n.children ?? []) {
      if (tag(c) === 'meta' && /^articletitle$/i.test(c.attribs?.name ?? '') && c.attribs?.content) meta ||= collapse(c.attribs.content);
      if (found) continue;
      if (tag(c) === 'title') {
        const parts: string[] = [];
        pieces(c, parts);
        found = collapse(parts.join(''));
        continue;
      }
      if (tag(c) === 'body') continue;
      find(c);
    }
  };
  find(root);
  return meta && isTitle(meta) ? meta : found;
}

/** The normalized report text of a web page (bytes as saved, any encoding), or of its decoded text. */
export function importHtml(input: Uint8Array | string, _name?: string): ImportResult {
  const source = typeof input === 'string' ? input.replace(/^\ufeff/, '') : decodeHtml(input);
  const root = parseDocument(source, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }) as unknown as HNode;
  const raw = article(walk(root), documentTitle(root));
  const blocks: Block[] = [];
  let paragraph = 0;
  let table = 0;
  for (const b of raw) {
    if (b.kind === 'paragraph') blocks.push({ kind: 'paragraph', text: b.text, index: paragraph++ });
    else blocks.push({ kind: 'table', rows: b.rows ?? [], index: table++ });
  }
  return writeBlocks(blocks, 'html');
}
