/**
 * Every input goes through `readInput`: a path (or `-` for stdin) becomes text plus what is known about it.
 * Plain text files today; another file type (.docx, .html, .pdf) is one more entry in `READERS`.
 */
import { Stats, readFileSync } from 'node:fs';
import { extname } from 'node:path';
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

export interface Input {
  text: string;
  /** What the file was read as (`text` for a plain text file). */
  kind: 'text';
  encoding: Decoded['encoding'];
  bom: boolean;
  /** Lines for stderr about how it was read (GB18030, a converted document). */
  notes: string[];
  /** The bytes and stats as read, for a safe write-back of fixes; absent when the input cannot be written back. */
  source?: { bytes: Buffer; stats: Stats };
}

export const STDIN = '-';

/** File name endings a folder walk picks up (the readers known). */
export const INPUT_EXTENSIONS = ['.txt'];
export const acceptsName = (name: string) => INPUT_EXTENSIONS.includes(extname(name).toLowerCase());

function fromBytes(path: string, bytes: Buffer, stats?: Stats): Input | string {
  const decoded = decode(bytes);
  if (typeof decoded === 'string') return `${path}：${decoded}`;
  const notes = decoded.encoding === 'gb18030' ? [t('{0}：按 GB18030 编码读取', path)] : [];
  return { text: decoded.text, kind: 'text', encoding: decoded.encoding, bom: decoded.bom, notes, source: stats ? { bytes, stats } : undefined };
}

/**
 * Reads one input: a regular file (never more than MAX_FILE_BYTES, never a FIFO or device) or stdin.
 * An error is one message naming the path.
 */
export function readInput(path: string, stdinBytes?: Buffer): Input | string {
  if (path === STDIN) return fromBytes('<stdin>', stdinBytes ?? readFileSync(0));
  const read = readRegularFileSync(path);
  if (isProblem(read)) return problemMessage(read);
  return fromBytes(path, read.bytes, read.stats);
}
