/**
 * Every input goes through `readInput`: a path (or `-` for stdin) becomes text plus what is known about it.
 * A plain text file is decoded (UTF-8, else GB18030); a Word file, a web page or a PDF is imported by the
 * core's importers into the normalized report text, with where each line came from.
 */
import { Stats, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { ImportError, ImportLocation, IMPORT_EXTENSIONS, importReport } from '../core/index';
import { t } from '../core/i18n';
import { isProblem, problemMessage, readRegularFileSync } from '../fs-walk';

export interface Decoded {
  text: string;
  bom: boolean;
  encoding: 'utf-8' | 'gb18030';
}

/** UTF-8 (with or without BOM); GB18030 when the bytes are not UTF-8; binary is refused. */
export function decode(bytes: Buffer): Decoded | string {
  if (bytes.includes(0)) return t('不是文本文件（含有 NUL 字节）');
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    const bom = text.charCodeAt(0) === 0xfeff;
    return { text: bom ? text.slice(1) : text, bom, encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), bom: false, encoding: 'gb18030' };
    } catch {
      return t('无法识别文件编码（既不是 UTF-8 也不是 GB18030）');
    }
  }
}

/** What an input was read as: a plain text file, or a document converted by an importer. */
export type InputKind = 'text' | 'docx' | 'html' | 'pdf';

export interface Input {
  text: string;
  kind: InputKind;
  encoding: Decoded['encoding'];
  bom: boolean;
  /** Lines for stderr about how it was read (GB18030, the importer's warnings). */
  notes: string[];
  /** The importer's warnings (things it could not bring over faithfully); empty for a text file. */
  warnings: string[];
  /** Imported documents: where each line of `text` came from (index = line). */
  locations?: ImportLocation[];
  /** The bytes and stats as read, for a safe write-back of fixes; absent when the input cannot be written back. */
  source?: { bytes: Buffer; stats: Stats };
}

/** An input that could not be read: one message naming the path; `kind` when an importer refused it. */
export interface InputFailure {
  message: string;
  kind?: Exclude<InputKind, 'text'>;
  /** The importer's message alone (without the path). */
  detail?: string;
}

export const STDIN = '-';

/** File name endings a folder walk picks up (the readers known): text, Word, web pages, PDF. */
export const INPUT_EXTENSIONS = ['.txt', ...IMPORT_EXTENSIONS];
export const acceptsName = (name: string) => INPUT_EXTENSIONS.includes(extname(name).toLowerCase());

/** The importer a file name asks for (by its extension); undefined for plain text. */
export function importKind(path: string): Exclude<InputKind, 'text'> | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.docx' ? 'docx' : ext === '.pdf' ? 'pdf' : ext === '.html' || ext === '.htm' ? 'html' : undefined;
}

/** How a kind is named to the user (stderr, text output, the editor's status item). */
export function kindName(kind: InputKind): string {
  return kind === 'docx' ? t('Word 文件') : kind === 'pdf' ? t('PDF 文件') : kind === 'html' ? t('网页') : t('文本文件');
}

function fromBytes(path: string, bytes: Buffer, stats?: Stats): Input | InputFailure {
  const decoded = decode(bytes);
  if (typeof decoded === 'string') return { message: `${path}：${decoded}` };
  const notes = decoded.encoding === 'gb18030' ? [t('{0}：按 GB18030 编码读取', path)] : [];
  return { text: decoded.text, kind: 'text', encoding: decoded.encoding, bom: decoded.bom, notes, warnings: [], source: stats ? { bytes, stats } : undefined };
}

/** A Word file, web page or PDF through the core's importer; its error (damaged, scanned) names the path. */
async function imported(path: string, bytes: Buffer, kind: Exclude<InputKind, 'text'>): Promise<Input | InputFailure> {
  try {
    const r = await importReport(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
    return {
      text: r.text,
      kind: r.source,
      encoding: 'utf-8',
      bom: false,
      notes: r.warnings.map((w) => `${path}：${w}`),
      warnings: r.warnings,
      locations: r.locations,
    };
  } catch (e) {
    const message = e instanceof ImportError ? e.message : t('无法读取（{0}）', e instanceof Error ? e.message : String(e));
    return { message: `${path}：${message}`, kind, detail: message };
  }
}

/**
 * Reads one input: a regular file (never more than MAX_FILE_BYTES, never a FIFO or device) or stdin
 * (always text). .docx/.html/.htm/.pdf go through the importers.
 */
export async function readInput(path: string, stdinBytes?: Buffer): Promise<Input | InputFailure> {
  if (path === STDIN) return fromBytes('<stdin>', stdinBytes ?? readFileSync(0));
  const read = readRegularFileSync(path);
  if (isProblem(read)) return { message: problemMessage(read) };
  const kind = importKind(path);
  return kind ? imported(path, read.bytes, kind) : fromBytes(path, read.bytes, read.stats);
}

export function isFailure(r: Input | InputFailure): r is InputFailure {
  return 'message' in r;
}

/** Where a position of an imported text lies in the original file (for `--format json`). */
export interface SourcePlace {
  page?: number;
  paragraph?: number;
  table?: number;
  row?: number;
  cell?: number;
}

/**
 * The place in the original file of a 0-based line and character of the imported text: the page for a PDF,
 * the paragraph or the table, row and cell (the TAB-separated cell the character is in) for Word and web pages.
 */
export function sourcePlace(kind: InputKind, locations: ImportLocation[], lines: string[], line: number, character: number): SourcePlace | undefined {
  let loc = locations[line]?.line === line ? locations[line] : locations.find((l) => l.line === line);
  // A finding past the last line (a missing section at the end) points at the last line's place.
  if (!loc && line >= locations.length && locations.length) loc = locations[locations.length - 1];
  if (!loc) return undefined;
  if (kind === 'pdf') return loc.page !== undefined ? { page: loc.page } : undefined;
  if (loc.table !== undefined) {
    const text = lines[loc.line] ?? '';
    const cell = loc.cell ?? (loc.columns && loc.columns.length > 1 ? Math.min(text.slice(0, character).split('\t').length - 1, loc.columns.length - 1) : 0);
    return { table: loc.table, row: loc.row, cell };
  }
  return loc.paragraph !== undefined ? { paragraph: loc.paragraph } : undefined;
}
