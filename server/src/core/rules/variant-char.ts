/** Characters written for others (釆 for 采) and radicals from PDF extraction (⼀ for 一). */
import { t } from '../i18n';
import { VARIANT_CHARS, charClass, intendedChar, lineHas } from '../text';
import { Rule, RuleFinding } from './rule';

const PATTERN = new RegExp(`[${Object.keys(VARIANT_CHARS).join('')}\\u2e80-\\u2eff\\u2f00-\\u2fdf]`, 'g');
/** PATTERN's characters as a line's character class. */
const VARIANT = charClass(Object.keys(VARIANT_CHARS).join(''), false, [[0x2e80, 0x2fdf]]);

export const variantChar: Rule = {
  code: 'variant-char',
  defaultSeverity: 'warning',
  description: '错用的异体字、日文字形或部首字符（如“釆”应为“采”）',
  check({ report }) {
    const out: RuleFinding[] = [];
    const text = report.text;
    // The lines (markup read as spaces) tell whether the text holds one, unless markup hides one.
    if (!report.lines.some((l) => lineHas(l, VARIANT)) && !text.includes('<') && !text.includes('&')) return out;
    PATTERN.lastIndex = 0;
    for (let m = PATTERN.exec(text); m; m = PATTERN.exec(text)) {
      const want = intendedChar(m[0]);
      if (!want) continue;
      const context = text.slice(Math.max(0, m.index - 4), m.index + 5).replace(/\s+/g, '');
      out.push({
        message: t('“{0}”应为“{1}”（{2}）', m[0], want, context),
        span: { start: m.index, end: m.index + 1 },
        fix: { title: t('将“{0}”改为“{1}”', m[0], want), edits: [{ span: { start: m.index, end: m.index + 1 }, newText: want }], preferred: true },
      });
    }
    return out;
  },
};
