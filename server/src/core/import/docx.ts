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
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    const zh = '这不是 Word 文件（.docx 应是 zip 压缩包）；旧版 .doc 请先在 Word/WPS 中另存为 .docx';
    throw new ImportError('not-docx', t('这不是 Word 文件（.docx 应是 zip 压缩包）；旧版 .doc 请先在 Word/WPS 中另存为 .docx'), zh);
  }
  let files: Record<string, Uint8Array>;
  let tooLarge = false;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!/^word\/document\d*\.xml$/.test(f.name)) return false;
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
  const name = Object.keys(files).sort()[0];
  if (!name) throw corrupt(t('压缩包里没有 word/document.xml'));
  try {
    return new TextDecoder('utf-8', { fatal: false }).decode(files[name]);
  } catch {
    throw corrupt(t('正文不是有效的 XML'));
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

  /** Body content: paragraphs and tables in order (content controls looked through). */
  content(n: XNode): void {
    for (const c of n.children ?? []) {
      if (c.type !== 'tag') continue;
      if (c.name === 'w:p') this.blocks.push({ kind: 'paragraph', text: paragraphText(c), index: this.paragraph++ });
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
  const xml = documentXml(bytes);
  const root = parseDocument(xml, { xmlMode: true, decodeEntities: true }) as unknown as XNode;
  const docEl = root.children?.find((c) => c.type === 'tag' && c.name === 'w:document');
  const body = docEl && child(docEl, 'w:body');
  if (!body) throw corrupt(t('正文不是有效的 Word XML（没有 w:body）'));
  const w = new Walker();
  w.content(body);
  return writeBlocks(w.blocks, 'docx');
}
