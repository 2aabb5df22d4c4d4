/** Empty official tables and a whole empty report, as tab rows, in either format. */
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  DISCLOSURE_BLOCKS,
  FormatId,
  REVIEW_COLUMNS,
  SECTIONS,
  officialHeading,
} from './official';

function disclosureTableTemplate(format: FormatId): string[] {
  const lines: string[] = [];
  for (const b of DISCLOSURE_BLOCKS[format]) {
    lines.push(`第二十条第（${b.item}）项`);
    const columns = b.columns.map((c, i) => (b.amountColumns.includes(i) && !c.includes('单位') ? `${c}（单位：万元）` : c));
    lines.push(['信息内容', ...columns].join('\t'));
    for (const r of b.rows) lines.push(r.label + '\t'.repeat(b.columns.length));
  }
  return lines;
}

export function applicationsTableTemplate(format: FormatId): string[] {
  const lines = [
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况',
    `\t${APPLICANT_COLUMNS[0]}\t法人或其他组织\t\t\t\t\t${APPLICANT_COLUMNS[6]}`,
    `\t\t${APPLICANT_COLUMNS.slice(1, 6).join('\t')}`,
  ];
  const groups = new Set<string>();
  for (const r of APPLICATION_ROWS[format]) {
    // A merged group cell is written once, on its own line, above its first row.
    if (r.group && !groups.has(r.group)) lines.push(r.group);
    if (r.group) groups.add(r.group);
    lines.push(r.label + '\t'.repeat(7));
  }
  return lines;
}

export function reviewTableTemplate(): string[] {
  const five = REVIEW_COLUMNS.join('\t');
  return [
    '行政复议\t\t\t\t\t行政诉讼',
    '\t\t\t\t\t未经复议直接起诉\t\t\t\t\t复议后起诉',
    `${five}\t${five}\t${five}`,
    '\t'.repeat(15),
  ];
}

/** The table a section carries, if it carries one (二, 三, 四). */
export function sectionTableTemplate(section: number, format: FormatId): string[] {
  if (section === 2) return disclosureTableTemplate(format);
  if (section === 3) return applicationsTableTemplate(format);
  if (section === 4) return reviewTableTemplate();
  return [];
}

/** A whole empty report of the format: title, six sections, empty tables. */
export function reportTemplate(format: FormatId, year: number, body = '（机关名称）', eol = '\n'): string {
  const lines = [`${body}${year}年政府信息公开工作年度报告`, ''];
  for (const s of SECTIONS) {
    lines.push(officialHeading(s));
    const table = sectionTableTemplate(s.number, format);
    lines.push(...(table.length ? table : ['']));
    if (s.number === 6 && format === '2021') lines.push('本年度收取信息处理费 0 元。');
    lines.push('');
  }
  return lines.join(eol);
}
