/**
 * Is this text (or this file name) an annual report? One cheap test shared by the editor's content
 * detection (plain-text and untitled documents, on open, paste and change) and the workspace check, so
 * both agree. Reads only the first lines: the title may sit under a site's breadcrumb, a `正文` line or
 * blank lines, and may be broken over two or three lines.
 */

/** File names that say "report": `*年度报告*.txt`, `*年报*.txt`, `*.xxgk.txt` (as package.json's filenamePatterns). */
const REPORT_NAME = /(?:年度报告|年报)[^/\\]*\.txt$|\.xxgk\.txt$/i;

/** How many lines from the top the title may start at (as the parser's title search). */
export const HEAD_LINES = 30;
/** Characters of the head read at most: a long first line never makes this slow. */
const HEAD_CHARS = 4000;
const TITLE = /(?:政府信息公开|政务公开|信息公开)[^。；;！!？?]{0,20}?年度?报告|(?:政府信息公开|政务公开)[^。；;]{0,12}年报/;
/** A line that is a sentence, not a piece of a title. */
const SENTENCE = /[。；;！!？?]|[，,].*[，,]/;

/** The text's first lines, trimmed, with markup and blank lines gone. */
function headLines(text: string): string[] {
  const lines = text.slice(0, HEAD_CHARS).split(/\r\n|\r|\n/, HEAD_LINES);
  return lines.map((l) => l.replace(/<[^>]*>|^#+\s*|[\s\u00a0\u3000*_]+/g, '')).filter((l) => l.length > 0);
}

/** The title is in the first lines, on one line or split over up to three short ones. */
export function looksLikeReportText(text: string): boolean {
  const lines = headLines(text);
  for (let i = 0; i < lines.length; i++) {
    let joined = '';
    for (let k = i; k < Math.min(lines.length, i + 3); k++) {
      const piece = lines[k];
      // A title piece is short and not a sentence; the first line may be the whole title.
      if (piece.length > 80 || (k > i && SENTENCE.test(piece))) break;
      joined += piece;
      if (TITLE.test(joined) && !SENTENCE.test(joined.replace(/[（(][^）)]*[）)]/g, ''))) return true;
    }
  }
  return false;
}

/** A file is a report by its name or by its first lines. */
export function isReportFile(name: string, text: string): boolean {
  return REPORT_NAME.test(name) || looksLikeReportText(text);
}
