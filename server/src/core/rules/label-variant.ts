/** A row label that differs from the official text (not just in spacing or punctuation). */
import { applicationRowDefs } from '../model';
import { DISCLOSURE_BLOCKS } from '../format/official';
import { t } from '../i18n';
import type { TableRow } from '../model';
import { labelBody, labelKey } from '../labels';
import { Rule, RuleFinding } from './rule';

const ORDINAL = /^[\s\u00a0\u3000]*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|\d{1,2}[\s\u00a0]*[.、．]?)[\s\u00a0\u3000]*/;

/** The official labels' bodies (a few dozen strings, the same for every report). */
const WANTED = new Map<string, string>();

function check(row: TableRow, official: string, out: RuleFinding[]): void {
  if (row.labelCells.length !== 1) return; // a wrapped label is compared by its pieces elsewhere
  const cell = row.labelCells[0];
  if (cell.inexact || cell.glued) return; // markup inside, or digits glued on: nothing safe to rewrite
  // The label cell may also hold the group label (`三、本年度办理结果 (一) 予以公开` in one cell).
  const actual = labelBody(labelKey(cell.raw));
  let wanted = WANTED.get(official);
  if (wanted === undefined) WANTED.set(official, (wanted = labelBody(labelKey(official))));
  if (actual === wanted || wanted.startsWith(actual) || actual.endsWith(wanted)) return;
  const prefix = ORDINAL.exec(cell.raw)?.[0] ?? '';
  const officialBody = official.replace(ORDINAL, '');
  out.push({
    message: t('行名“{0}”与规定格式“{1}”不同', cell.raw, official),
    span: cell.span,
    fix: {
      title: t('将行名改为“{0}”', officialBody),
      edits: [{ span: { start: cell.span.start + prefix.length, end: cell.span.end }, newText: officialBody }],
      // A suggestion, not a safe fix: rewording a label is the author's call (fix-all leaves it).
      preferred: false,
    },
  });
}

export const labelVariant: Rule = {
  code: 'label-variant',
  defaultSeverity: 'information',
  description: '表格行名与规定格式的文字不同',
  check({ report }) {
    const out: RuleFinding[] = [];
    const a = report.applications;
    const kept = a && report.format === '2021' ? a.rows.get('3.6') : undefined;
    if (kept) {
      out.push({ message: t('2021年格式的“（六）其他处理”分为3行（逾期不补正、逾期未缴费、其他），此表仍用2019年格式的单行'), span: kept.labelCells[0].span });
    }
    if (a) {
      for (const def of applicationRowDefs(report)) {
        const row = a.rows.get(def.id);
        if (row) check(row, def.label, out);
      }
    }
    const d = report.disclosure;
    if (d) {
      // The first row read under each id, whichever block holds it.
      const byId = new Map<string, TableRow>();
      for (const b of d.blocks) for (const r of b.rows) if (!byId.has(r.id)) byId.set(r.id, r);
      for (const block of DISCLOSURE_BLOCKS[report.format]) {
        for (const rowDef of block.rows) {
          const row = byId.get(rowDef.label);
          if (row) check(row, rowDef.label, out);
        }
      }
    }
    return out;
  },
};
