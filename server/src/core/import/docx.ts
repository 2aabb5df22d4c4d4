/**
 * A Word file (.docx, Office Open XML) → the normalized report text. The zip is read with fflate
 * (small, pure JS, synchronous, already a dependency) and word/document.xml with htmlparser2 in
 * XML mode. Tables keep their structure: `w:gridSpan` and `w:vMerge` (restart/continue) give each
 * cell its grid column and span, so a merged cell is written once and a blank cell stays a blank.
 * (mammoth was not used: it flattens vertically merged cells into separate empty cells.)
 */
import { unzipSync } from 'fflate';
import { parseDocument } from 'htmlparser2';
import { t } from '../i18n';
import { Block, ImportError, ImportResult, TCell, TRow, cellText, writeBlocks } from './model';

interface XNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: XNode[];
  data?: string;
}

/** Largest uncompressed document.xml accepted (a zip bomb is refused before it is inflated). */
const MAX_XML = 200 * 1024 * 1024;

function corrupt(detail: string): ImportError {
  const zh = `无法读取这个 Word 文件（.docx）：${detail}。文件可能已损坏或不完整`;
  return new ImportError('corrupt-docx', t('无法读取这个 Word 文件（.docx）：{0}。文件可能已损坏或不完整', detail), zh);
}

/** The main document part of a .docx zip. */
export function documentXml(bytes: Uint8Array): string {
  return docxParts(bytes).document;
}

/** The parts the importer reads: the document, and the numbering and styles that number its headings. */
function docxParts(bytes: Uint8Array): { document: string; numbering?: string; styles?: string } {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    const zh = '这不是 Word 文件（.docx 应是 zip 压缩包）；旧版 .doc 请先在 Word/WPS 中另存为 .docx';
    throw new ImportError('not-docx', t('这不是 Word 文件（.docx 应是 zip 压缩包）；旧版 .doc 请先在 Word/WPS 中另存为 .docx'), zh);
  }
  let files: Record<string, Uint8Array>;
  let tooLarge = false;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!/^word\/(?:document\d*|numbering|styles)\.xml$/.test(f.name)) return false;
        if (f.originalSize > MAX_XML) { tooLarge = true; return false; }
        return true;
      },
    });
  } catch (e) {
    throw corrupt(t('zip 压缩包不完整或已损坏'));
  }
  if (tooLarge) {
    const zh = `Word 文件的正文超过 ${MAX_XML / 1024 / 1024} MB，不予读取`;
    throw new ImportError('too-large', t('Word 文件的正文超过 {0} MB，不予读取', MAX_XML / 1024 / 1024), zh);
  }
  const name = Object.keys(files).filter((f) => /document\d*\.xml$/.test(f)).sort()[0];
  if (!name) throw corrupt(t('压缩包里没有 word/document.xml'));
  const decode = (b: Uint8Array | undefined) => (b ? new TextDecoder('utf-8', { fatal: false }).decode(b) : undefined);
  try {
    return { document: decode(files[name])!, numbering: decode(files['word/numbering.xml']), styles: decode(files['word/styles.xml']) };
  } catch {
    throw corrupt(t('正文不是有效的 XML'));
  }
}

// ---------------------------------------------------------------------------------------------
// List numbering: a heading numbered by Word (`一、` from a list, not typed) carries the number in
// numbering.xml, not in its text. Written out, so the text reads as the document shows.

interface Level {
  start: number;
  format: string;
  text: string;
}

interface Numbering {
  /** numId → the levels of its abstract numbering. */
  levels: Map<string, Level[]>;
  /** Paragraph style id → its list (numId, level), through `w:basedOn`. */
  styles: Map<string, { numId: string; ilvl: number }>;
}

const CHINESE_DIGITS = '零一二三四五六七八九';

function chineseNumber(n: number): string {
  if (n <= 0 || n >= 100) return String(n);
  if (n < 10) return CHINESE_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens > 1 ? CHINESE_DIGITS[tens] : '') + '十' + (ones ? CHINESE_DIGITS[ones] : '');
}

function formatNumber(n: number, format: string): string | undefined {
  switch (format) {
    case 'decimal': return String(n);
    case 'decimalZero': return n < 10 ? `0${n}` : String(n);
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'ideographTraditional':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand': return chineseNumber(n);
    case 'upperLetter': return n >= 1 && n <= 26 ? String.fromCharCode(64 + n) : undefined;
    case 'lowerLetter': return n >= 1 && n <= 26 ? String.fromCharCode(96 + n) : undefined;
    default: return undefined; // bullets and anything else: no number to write
  }
}

function readNumbering(numberingXml: string | undefined, stylesXml: string | undefined): Numbering | undefined {
  if (!numberingXml) return undefined;
  const root = parseDocument(numberingXml, { xmlMode: true, decodeEntities: true }) as unknown as XNode;
  const numberingEl = root.children?.find((c) => c.type === 'tag' && c.name === 'w:numbering');
  if (!numberingEl) return undefined;
  const abstract = new Map<string, Level[]>();
  const levels = new Map<string, Level[]>();
  for (const c of numberingEl.children ?? []) {
    if (c.type !== 'tag') continue;
    if (c.name === 'w:abstractNum') {
      const lv: Level[] = [];
      for (const l of childrenNamed(c, 'w:lvl')) {
        const i = Number.parseInt(l.attribs?.['w:ilvl'] ?? '0', 10);
        if (!(i >= 0 && i < 9)) continue;
        lv[i] = { start: Number.parseInt(val(child(l, 'w:start')) ?? '1', 10) || 1, format: val(child(l, 'w:numFmt')) ?? 'decimal', text: val(child(l, 'w:lvlText')) ?? '' };
      }
      abstract.set(c.attribs?.['w:abstractNumId'] ?? '', lv);
    } else if (c.name === 'w:num') {
      const a = val(child(c, 'w:abstractNumId'));
      if (a !== undefined) levels.set(c.attribs?.['w:numId'] ?? '', abstract.get(a) ?? []);
    }
  }
  const styles = new Map<string, { numId: string; ilvl: number }>();
  if (stylesXml) {
    const sroot = parseDocument(stylesXml, { xmlMode: true, decodeEntities: true }) as unknown as XNode;
    const stylesEl = sroot.children?.find((c) => c.type === 'tag' && c.name === 'w:styles');
    const own = new Map<string, { numId?: string; ilvl?: number; basedOn?: string }>();
    for (const st of stylesEl ? childrenNamed(stylesEl, 'w:style') : []) {
      const pPr = child(st, 'w:pPr');
      const numPr = pPr && child(pPr, 'w:numPr');
      own.set(st.attribs?.['w:styleId'] ?? '', { numId: val(numPr && child(numPr, 'w:numId')), ilvl: numPr ? Number.parseInt(val(child(numPr, 'w:ilvl')) ?? '0', 10) || 0 : undefined, basedOn: val(child(st, 'w:basedOn')) });
    }
    for (const id of own.keys()) {
      // The nearest style in the basedOn chain that names a list (a few steps; cycles stop).
      let cur: string | undefined = id;
      for (let k = 0; cur && k < 10; k++) {
        const o = own.get(cur);
        if (o?.numId !== undefined) { styles.set(id, { numId: o.numId, ilvl: o.ilvl ?? 0 }); break; }
        cur = o?.basedOn;
      }
    }
  }
  return { levels, styles };
}

/** Counts list items as Word does and writes each numbered paragraph's number (`一、`, `1.`). */
class Numberer {
  private counters = new Map<string, number[]>();
  constructor(private readonly numbering: Numbering | undefined) {}

  label(p: XNode): string {
    if (!this.numbering) return '';
    const pPr = child(p, 'w:pPr');
    const numPr = pPr && child(pPr, 'w:numPr');
    let numId = val(numPr && child(numPr, 'w:numId'));
    let ilvl = numPr ? Number.parseInt(val(child(numPr, 'w:ilvl')) ?? '', 10) : NaN;
    if (numId === undefined) {
      const style = val(pPr && child(pPr, 'w:pStyle'));
      const fromStyle = style ? this.numbering.styles.get(style) : undefined;
      if (!fromStyle) return '';
      numId = fromStyle.numId;
      if (Number.isNaN(ilvl)) ilvl = fromStyle.ilvl;
    }
    if (Number.isNaN(ilvl)) ilvl = 0;
    const levels = this.numbering.levels.get(numId);
    if (numId === '0' || !levels || !levels[ilvl]) return '';
    // A bullet or an unnumbered level draws no number: nothing to write.
    if (formatNumber(1, levels[ilvl].format) === undefined) return '';
    const counts = this.counters.get(numId) ?? [];
    counts[ilvl] = (counts[ilvl] ?? levels[ilvl].start - 1) + 1;
    counts.length = ilvl + 1; // deeper levels restart
    this.counters.set(numId, counts);
    let failed = false;
    const text = levels[ilvl].text.replace(/%([1-9])/g, (_, d: string) => {
      const k = Number(d) - 1;
      const lvl = levels[k];
      const n = k === ilvl ? counts[k] : counts[k] ?? lvl?.start ?? 1;
      const f = lvl ? formatNumber(n, lvl.format) : undefined;
      if (f === undefined) failed = true;
      return f ?? '';
    });
    return failed ? '' : text;
  }
}

const RUN_CONTAINERS = new Set(['w:r', 'w:hyperlink', 'w:ins', 'w:smartTag', 'w:fldSimple', 'w:sdt', 'w:sdtContent', 'w:customXml', 'w:dir', 'w:bdo', 'w:moveTo']);

/** The text of a paragraph: runs' `w:t`, `w:tab` → TAB, `w:br`/`w:cr` → line break. */
function paragraphText(p: XNode): string {
  let out = '';
  const walk = (n: XNode) => {
    for (const c of n.children ?? []) {
      if (c.type !== 'tag') continue;
      switch (c.name) {
        case 'w:t':
          for (const x of c.children ?? []) if (x.type === 'text') out += x.data ?? '';
          break;
        case 'w:tab':
        case 'w:ptab':
          out += '\t';
          break;
        case 'w:br':
        case 'w:cr':
          out += '\n';
          break;
        case 'w:noBreakHyphen':
          out += '-';
          break;
        case 'w:sym':
          break;
        default:
          if (c.name && RUN_CONTAINERS.has(c.name)) walk(c);
      }
    }
  };
  walk(p);
  return out;
}

function child(n: XNode, name: string): XNode | undefined {
  return n.children?.find((c) => c.type === 'tag' && c.name === name);
}

function val(n: XNode | undefined): string | undefined {
  return n?.attribs?.['w:val'];
}

/** Children by name, looking through content controls and custom XML wrappers. */
function childrenNamed(n: XNode, name: string): XNode[] {
  const out: XNode[] = [];
  for (const c of n.children ?? []) {
    if (c.type !== 'tag') continue;
    if (c.name === name) out.push(c);
    else if (c.name === 'w:sdt') { const content = child(c, 'w:sdtContent'); if (content) out.push(...childrenNamed(content, name)); }
    else if (c.name === 'w:customXml') out.push(...childrenNamed(c, name));
  }
  return out;
}

function containsTable(n: XNode): boolean {
  for (const c of n.children ?? []) {
    if (c.type !== 'tag') continue;
    if (c.name === 'w:tbl') return true;
    if (containsTable(c)) return true;
  }
  return false;
}

class Walker {
  blocks: Block[] = [];
  paragraph = 0;
  table = 0;
  constructor(private readonly numberer = new Numberer(undefined)) {}

  /** Body content: paragraphs and tables in order (content controls looked through). */
  content(n: XNode): void {
    for (const c of n.children ?? []) {
      if (c.type !== 'tag') continue;
      if (c.name === 'w:p') this.blocks.push({ kind: 'paragraph', text: this.numberer.label(c) + paragraphText(c), index: this.paragraph++ });
      else if (c.name === 'w:tbl') this.tbl(c);
      else if (c.name === 'w:sdt') { const content = child(c, 'w:sdtContent'); if (content) this.content(content); }
      else if (c.name === 'w:customXml') this.content(c);
    }
  }

  tbl(tbl: XNode): void {
    const trs = childrenNamed(tbl, 'w:tr');
    const cellCount = trs.reduce((n, tr) => n + childrenNamed(tr, 'w:tc').length, 0);
    if (cellCount <= 1 || containsTable(tbl)) {
      // A layout table (a frame around the text, or holding other tables): its cells are containers.
      for (const tr of trs) for (const tc of childrenNamed(tr, 'w:tc')) this.content(tc);
      return;
    }
    const rows: TRow[] = [];
    const open = new Map<number, TCell>();
    trs.forEach((tr, r) => {
      const row: TRow = { cells: [], index: r };
      const trPr = child(tr, 'w:trPr');
      let col = Number.parseInt(val(trPr && child(trPr, 'w:gridBefore')) ?? '0', 10) || 0;
      let last: TCell | undefined;
      childrenNamed(tr, 'w:tc').forEach((tc, index) => {
        const pr = child(tc, 'w:tcPr');
        const colSpan = Math.max(1, Math.min(100, Number.parseInt(val(pr && child(pr, 'w:gridSpan')) ?? '1', 10) || 1));
        const vMerge = pr && child(pr, 'w:vMerge');
        const hMerge = pr && child(pr, 'w:hMerge');
        if (hMerge && val(hMerge) !== 'restart' && last) {
          // Legacy horizontal merge: this cell continues the one before it.
          last.colSpan += colSpan;
          col += colSpan;
          return;
        }
        if (vMerge && val(vMerge) !== 'restart') {
          // A continued vertical merge: the cell above covers it; nothing is written here.
          const above = open.get(col);
          if (above) above.rowSpan++;
          col += colSpan;
          return;
        }
        const pieces: string[] = [];
        for (const p of childrenNamed(tc, 'w:p')) pieces.push(...paragraphText(p).split(/[\n\t]/));
        for (const inner of childrenNamed(tc, 'w:tbl')) pieces.push(...tableText(inner));
        const cell: TCell = { text: cellText(pieces), col, colSpan, rowSpan: 1, index };
        row.cells.push(cell);
        for (let k = 0; k < colSpan; k++) open.delete(col + k);
        if (vMerge) open.set(col, cell);
        last = cell;
        col += colSpan;
      });
      rows.push(row);
    });
    this.blocks.push({ kind: 'table', rows, index: this.table++ });
  }
}

/** The text pieces of a table nested in a data cell (kept as the cell's text). */
function tableText(tbl: XNode): string[] {
  const out: string[] = [];
  for (const tr of childrenNamed(tbl, 'w:tr')) for (const tc of childrenNamed(tr, 'w:tc')) for (const p of childrenNamed(tc, 'w:p')) out.push(paragraphText(p));
  return out;
}

/** The normalized report text of a .docx file. */
export function importDocx(bytes: Uint8Array): ImportResult {
  const parts = docxParts(bytes);
  const root = parseDocument(parts.document, { xmlMode: true, decodeEntities: true }) as unknown as XNode;
  const docEl = root.children?.find((c) => c.type === 'tag' && c.name === 'w:document');
  const body = docEl && child(docEl, 'w:body');
  if (!body) throw corrupt(t('正文不是有效的 Word XML（没有 w:body）'));
  const w = new Walker(new Numberer(readNumbering(parts.numbering, parts.styles)));
  w.content(body);
  return writeBlocks(w.blocks, 'docx');
}
