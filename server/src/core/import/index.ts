/**
 * Importers: the report's own file (Word .docx, web page .html/.htm, PDF) → the normalized report
 * text the checker reads, with where each line came from. Pure functions over bytes: the caller
 * reads the file. PDF support (pdfjs-dist) is loaded only when a PDF is imported.
 */
import { t } from '../i18n';
import { importDocx } from './docx';
import { importHtml } from './html';
import { ImportError, ImportResult } from './model';
import { PdfOptions, importPdf, isPdf } from './pdf';

export { importDocx } from './docx';
export { importHtml, decodeHtml } from './html';
export { importPdf } from './pdf';
export type { PdfOptions } from './pdf';
export { ImportError } from './model';
export type { ImportResult, ImportLocation, ImportSource, ImportErrorCode } from './model';

/** File extensions the importers read. */
export const IMPORT_EXTENSIONS = ['.docx', '.html', '.htm', '.pdf'] as const;

export function isImportable(fileName: string): boolean {
  const ext = /\.[^./\\]+$/.exec(fileName.toLowerCase())?.[0];
  return !!ext && (IMPORT_EXTENSIONS as readonly string[]).includes(ext);
}

/** What the bytes are, by their first bytes (the extension only breaks a tie). */
function sniff(bytes: Uint8Array, fileName: string): 'pdf' | 'docx' | 'html' | undefined {
  if (isPdf(bytes)) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'docx';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048)).replace(/^\ufeff|^\xef\xbb\xbf|^\xff\xfe|^\xfe\xff/, '');
  if (/^[\s\0]*</.test(head) || /<(?:html|body|table|p|div)[\s>]/i.test(head)) return 'html';
  const ext = /\.[^./\\]+$/.exec(fileName.toLowerCase())?.[0];
  if (ext === '.html' || ext === '.htm') return 'html';
  return undefined;
}

/**
 * Imports a report file. Throws an `ImportError` with a Chinese message (English when the locale is
 * `en`) for a file that is not what its name says, is damaged, has no text (a scanned PDF) or is
 * too large; never hangs (a PDF import is bounded in pages, text items and time).
 */
export async function importReport(bytes: Uint8Array, fileName: string, options: { pdf?: PdfOptions } = {}): Promise<ImportResult> {
  const ext = /\.[^./\\]+$/.exec(fileName.toLowerCase())?.[0] ?? '';
  if (bytes.length === 0) {
    const zh = '文件是空的';
    throw new ImportError('empty', t('文件是空的'), zh);
  }
  const kind = sniff(bytes, fileName);
  if (ext === '.pdf' && kind !== 'pdf') {
    const zh = '这不是 PDF 文件（文件开头没有 %PDF 标记），可能已损坏或扩展名不对';
    throw new ImportError('not-pdf', t('这不是 PDF 文件（文件开头没有 %PDF 标记），可能已损坏或扩展名不对'), zh);
  }
  if (ext === '.docx' && kind !== 'docx') {
    const zh = '这不是 Word 文件（.docx 应是 zip 压缩包）；旧版 .doc 请先在 Word/WPS 中另存为 .docx';
    throw new ImportError('not-docx', t('这不是 Word 文件（.docx 应是 zip 压缩包）；旧版 .doc 请先在 Word/WPS 中另存为 .docx'), zh);
  }
  switch (kind) {
    case 'pdf':
      return importPdf(bytes, options.pdf);
    case 'docx':
      return importDocx(bytes);
    case 'html':
      return importHtml(bytes, fileName);
    default: {
      const zh = '无法识别的文件类型：只能打开 Word（.docx）、网页（.html/.htm）或 PDF 文件';
      throw new ImportError('unknown-format', t('无法识别的文件类型：只能打开 Word（.docx）、网页（.html/.htm）或 PDF 文件'), zh);
    }
  }
}
