/** The format must fit the year: 2019 format for 2019–2020 reports, 2021 format from 2021 on. */
import { t } from '../i18n';
import { looksLikeReport } from '../parse/document';
import { Rule } from './rule';

export const formatMismatch: Rule = {
  code: 'format-mismatch',
  defaultSeverity: 'warning',
  description: '报告所用格式与年度不符（2021年起应使用2021年新格式）；2019年以前的旧格式报告不做检查',
  check({ report }) {
    const span = report.title?.span ?? { start: 0, end: report.lines[0].end };
    if (report.legacy) {
      return [{ message: t('这是2019年以前格式的年度报告（{0}），本工具按2019年和2021年格式检查，未检查此报告', report.year ? `${report.year}年` : t('旧格式')), span, severity: 'information' }];
    }
    if (report.year === undefined || report.formatSource !== 'labels' || !looksLikeReport(report)) return [];
    if (report.year >= 2021 && report.format === '2019') {
      return [{ message: t('{0}年度报告应使用2021年新格式（国办公开办函〔2021〕30号），但表格是2019年格式', report.year), span }];
    }
    if (report.year <= 2020 && report.format === '2021') {
      return [{ message: t('{0}年度报告应使用2019年格式（国办公开办函〔2019〕60号），但表格是2021年格式', report.year), span }];
    }
    return [];
  },
};
