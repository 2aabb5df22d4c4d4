/**
 * A hint, off by default: 一、总体情况 of a 2021-format report covers the five topics the format's
 * note names — 主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障 — as sub-headings or in its text.
 * Many real reports use exactly these five sub-headings; others cover them in other words, so this
 * is a hint a user turns on (precision on real reports not yet measured).
 */
import { t } from '../i18n';
import { sectionText } from '../analysis/sections';
import { Rule, RuleFinding } from './rule';

const TOPICS: Array<[string, RegExp]> = [
  ['主动公开', /主动公开/],
  ['依申请公开', /依申请/],
  ['政府信息管理', /信息管理|规范性文件(?:清理|管理)|公开目录|发布审查|保密审查/],
  ['平台建设', /平台|网站|政务新媒体|公开专栏|公开栏/],
  ['监督保障', /监督|保障|考核|培训|责任追究|社会评议/],
];

export const overviewTopics: Rule = {
  code: 'overview-topics',
  defaultSeverity: 'off',
  description: '2021 年格式：“一、总体情况”未涉及格式说明要求的五个方面（主动公开、依申请公开、政府信息管理、平台建设、监督保障）；默认关闭',
  check({ report }) {
    const out: RuleFinding[] = [];
    const applies = report.year !== undefined ? report.year >= 2021 : report.format === '2021';
    const one = report.headings.find((h) => h.number === 1);
    if (report.legacy || !applies || !one) return out;
    // Lines joined without a break: PDF text cuts words at line ends (`监` / `督`).
    const text = sectionText(report, 1).replace(/\n/g, '');
    if (!text) return out; // empty-section says so
    const missing = TOPICS.filter(([, re]) => !re.test(text)).map(([name]) => name);
    if (missing.length) out.push({ message: t('“一、总体情况”没有写到：{0}（2021 年格式要求写明主动公开、依申请公开、政府信息管理、平台建设、监督保障五个方面）', missing.join('、')), span: one.span });
    return out;
  },
};
