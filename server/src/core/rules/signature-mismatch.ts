/**
 * The body that signs the report (the line above the date at its end) is the body of its title.
 * A slip of a character or two (`金融` → `全融`), or another body's name pasted from a template
 * (`财政局` for `教育局`), is what evaluators write up. A longer or shorter form of the same name
 * (the city left out, `管委会` added, the office that publishes a government's report) is not.
 */
import { t } from '../i18n';
import { editDistance } from '../labels';
import { closing } from '../analysis/sections';
import { Rule, RuleFinding } from './rule';

const norm = (s: string) => s.replace(/[\s\u00a0\u3000]/g, '').replace(/[()]/g, (c) => (c === '(' ? '（' : '）'));

/** The characters of `a` and `b` that differ, once the common start and end are set aside. */
function difference(a: string, b: string): [string, string] {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return [a.slice(i, a.length - j), b.slice(i, b.length - j)];
}

export const signatureMismatch: Rule = {
  code: 'signature-mismatch',
  defaultSeverity: 'warning',
  description: '落款机关与标题中的机关不一致（常见为错一两个字）',
  check({ report }) {
    const out: RuleFinding[] = [];
    if (report.legacy || !report.body) return out;
    const sig = closing(report)?.signature;
    if (!sig) return out;
    const body = norm(report.body);
    const signer = norm(sig.text);
    if (body.length < 4 || signer === body || signer.includes(body) || body.includes(signer)) return out;
    // The same name but for a character or two (a slip), or another body of the same kind and the
    // same length (a name pasted from a template: `生态环境局` → `自然资源局`). A shorter or longer
    // form (`市场监管局` for `市场监督管理局`) is neither.
    const [was, is] = difference(body, signer);
    const slip = editDistance(signer, body, 2) <= 2 && Math.abs(signer.length - body.length) <= 1;
    const other = signer.length === body.length && was.length > 0 && body.length - was.length >= 2 && signer.at(-1) === body.at(-1);
    if (!slip && !other) return out;
    const span = { start: sig.start + (sig.text.length - sig.text.trimStart().length), end: sig.start + sig.text.trimEnd().length };
    out.push({
      message: t('落款“{0}”与标题中的机关“{1}”不一致（“{2}”写成了“{3}”）', signer, body, was || '—', is || '—'),
      span,
      fix: { title: t('将落款改为“{0}”', body), edits: [{ span, newText: body }], preferred: false },
    });
    return out;
  },
};
