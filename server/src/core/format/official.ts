/**
 * The two official report formats (国办公开办函〔2019〕60号 and 〔2021〕30号) as data.
 * Parsing and rules read these tables; nothing else in the core hard-codes a label.
 */

export type FormatId = '2019' | '2021';

export interface SectionDef {
  number: number;
  numeral: string;
  /** Official title without the numeral. */
  title: string;
  /** Keys (see `labelKey`) that identify the section even in a variant wording, under any numeral. */
  signatures: string[];
  /**
   * Other whole wordings (keys) seen in real reports, accepted only under the section's own numeral
   * (they are too plain to identify a section anywhere else); typos of them are accepted too.
   */
  wordings: string[];
}

export const SECTIONS: SectionDef[] = [
  { number: 1, numeral: '一', title: '总体情况', signatures: ['总体情况', '概述'], wordings: ['基本情况', '总体工作情况', '工作概况', '总体概况', '概况', '工作总体情况'] },
  { number: 2, numeral: '二', title: '主动公开政府信息情况', signatures: ['主动公开政府信息', '主动公开情况'], wordings: ['主动公开', '主动公开工作情况', '主动公开信息情况'] },
  { number: 3, numeral: '三', title: '收到和处理政府信息公开申请情况', signatures: ['收到和处理政府信息公开申请', '收到和处理', '依申请公开政府信息情况'], wordings: ['依申请公开情况', '依申请公开', '政府信息公开申请情况', '收到处理政府信息公开申请情况'] },
  { number: 4, numeral: '四', title: '政府信息公开行政复议、行政诉讼情况', signatures: ['行政复议行政诉讼情况', '行政复议提起行政诉讼', '行政复议和行政诉讼', '行政复议及行政诉讼', '行政复议行政诉讼'], wordings: ['复议诉讼情况', '行政复议诉讼情况'] },
  { number: 5, numeral: '五', title: '存在的主要问题及改进情况', signatures: ['存在的主要问题', '主要问题及改进', '问题及改进', '主要问题和改进', '问题和改进'], wordings: ['存在问题及改进措施', '存在的问题及改进措施', '存在的不足及改进措施', '存在的问题和改进措施', '存在的不足和改进措施', '存在问题和改进措施', '存在的问题及整改措施', '存在的不足及改进方向'] },
  { number: 6, numeral: '六', title: '其他需要报告的事项', signatures: ['其他需要报告', '其他事项'], wordings: ['其他需要说明的事项', '其他需要报告事项', '其他'] },
];

export const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function officialHeading(section: SectionDef): string {
  return `${section.numeral}、${section.title}`;
}

/** Applicant columns of the section 三 table, in their fixed order. */
export const APPLICANT_COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'] as const;
export interface ApplicationRowDef {
  id: string;
  /** Official label, as printed in the format. */
  label: string;
  /** Short label used in messages, e.g. `（七）总计`. */
  short: string;
  /** Label of the merged group cell this row sits under, if any. */
  group?: string;
  /** Keys that identify the row even when the label is wrapped or slightly reworded. */
  signatures: string[];
  /** Rows summed into 3.7 (T3-results). */
  result?: boolean;
}

const common1: ApplicationRowDef[] = [
  { id: '1', label: '一、本年新收政府信息公开申请数量', short: '一、本年新收', signatures: ['本年新收'] },
  { id: '2', label: '二、上年结转政府信息公开申请数量', short: '二、上年结转', signatures: ['上年结转'] },
  { id: '3.1', label: '（一）予以公开', short: '（一）予以公开', group: '三、本年度办理结果', signatures: ['予以公开'], result: true },
  { id: '3.2', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', short: '（二）部分公开', group: '三、本年度办理结果', signatures: ['部分公开'], result: true },
  { id: '3.3.1', label: '1.属于国家秘密', short: '（三）1.属于国家秘密', group: '（三）不予公开', signatures: ['国家秘密'], result: true },
  { id: '3.3.2', label: '2.其他法律行政法规禁止公开', short: '（三）2.其他法律行政法规禁止公开', group: '（三）不予公开', signatures: ['禁止公开'], result: true },
  { id: '3.3.3', label: '3.危及“三安全一稳定”', short: '（三）3.危及“三安全一稳定”', group: '（三）不予公开', signatures: ['三安全一稳定', '危及'], result: true },
  { id: '3.3.4', label: '4.保护第三方合法权益', short: '（三）4.保护第三方合法权益', group: '（三）不予公开', signatures: ['第三方合法权益', '保护第三方'], result: true },
  { id: '3.3.5', label: '5.属于三类内部事务信息', short: '（三）5.属于三类内部事务信息', group: '（三）不予公开', signatures: ['内部事务'], result: true },
  { id: '3.3.6', label: '6.属于四类过程性信息', short: '（三）6.属于四类过程性信息', group: '（三）不予公开', signatures: ['过程性信息'], result: true },
  { id: '3.3.7', label: '7.属于行政执法案卷', short: '（三）7.属于行政执法案卷', group: '（三）不予公开', signatures: ['行政执法案卷', '执法案卷'], result: true },
  { id: '3.3.8', label: '8.属于行政查询事项', short: '（三）8.属于行政查询事项', group: '（三）不予公开', signatures: ['行政查询事项', '查询事项'], result: true },
  { id: '3.4.1', label: '1.本机关不掌握相关政府信息', short: '（四）1.本机关不掌握相关政府信息', group: '（四）无法提供', signatures: ['不掌握'], result: true },
  { id: '3.4.2', label: '2.没有现成信息需要另行制作', short: '（四）2.没有现成信息需要另行制作', group: '（四）无法提供', signatures: ['另行制作', '没有现成信息'], result: true },
  { id: '3.4.3', label: '3.补正后申请内容仍不明确', short: '（四）3.补正后申请内容仍不明确', group: '（四）无法提供', signatures: ['仍不明确', '补正后申请'], result: true },
  { id: '3.5.1', label: '1.信访举报投诉类申请', short: '（五）1.信访举报投诉类申请', group: '（五）不予处理', signatures: ['信访举报投诉', '信访举报'], result: true },
  { id: '3.5.2', label: '2.重复申请', short: '（五）2.重复申请', group: '（五）不予处理', signatures: ['重复申请'], result: true },
  { id: '3.5.3', label: '3.要求提供公开出版物', short: '（五）3.要求提供公开出版物', group: '（五）不予处理', signatures: ['公开出版物'], result: true },
  { id: '3.5.4', label: '4.无正当理由大量反复申请', short: '（五）4.无正当理由大量反复申请', group: '（五）不予处理', signatures: ['大量反复申请', '反复申请'], result: true },
  { id: '3.5.5', label: '5.要求行政机关确认或重新出具已获取信息', short: '（五）5.要求行政机关确认或重新出具已获取信息', group: '（五）不予处理', signatures: ['确认或重新出具', '已获取信息', '要求行政机关确认'], result: true },
];

const total37: ApplicationRowDef = { id: '3.7', label: '（七）总计', short: '（七）总计', group: '三、本年度办理结果', signatures: ['七总计'] };
const row4: ApplicationRowDef = { id: '4', label: '四、结转下年度继续办理', short: '四、结转下年度继续办理', signatures: ['结转下年度', '结转下一年度', '结转下年'] };

export const APPLICATION_ROWS: Record<FormatId, ApplicationRowDef[]> = {
  '2019': [
    ...common1,
    { id: '3.6', label: '（六）其他处理', short: '（六）其他处理', group: '三、本年度办理结果', signatures: ['六其他处理', '其他处理'], result: true },
    total37,
    row4,
  ],
  '2021': [
    ...common1,
    { id: '3.6.1', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', short: '（六）1.逾期不补正', group: '（六）其他处理', signatures: ['逾期不补正'], result: true },
    { id: '3.6.2', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', short: '（六）2.逾期未缴纳费用', group: '（六）其他处理', signatures: ['收费通知', '缴纳费用'], result: true },
    { id: '3.6.3', label: '3.其他', short: '（六）3.其他', group: '（六）其他处理', signatures: [], result: true },
    total37,
    row4,
  ],
};

/** Merged group cells of the section 三 table: labels that carry no numbers of their own. */
export const APPLICATION_GROUP_SIGNATURES = ['本年度办理结果', '三不予公开', '四无法提供', '五不予处理'];

/** Section 四 table: three groups of five columns. */
export const REVIEW_GROUPS = ['review', 'suitDirect', 'suitAfterReview'] as const;
export type ReviewGroup = (typeof REVIEW_GROUPS)[number];
export const REVIEW_GROUP_LABELS: Record<ReviewGroup, string> = {
  review: '行政复议',
  suitDirect: '行政诉讼·未经复议直接起诉',
  suitAfterReview: '行政诉讼·复议后起诉',
};
export const REVIEW_COLUMNS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;

/** Section 二 table: blocks of 条例 第二十条. */
export interface DisclosureRowDef {
  label: string;
  /** Other labels accepted for this row (label-variant when used). */
  variants: string[];
}
export interface DisclosureBlockDef {
  item: string;
  /** Column labels after 信息内容. */
  columns: string[];
  /** Index of columns holding amounts (decimals allowed, unit 万元). */
  amountColumns: number[];
  /** Index of columns that may be negative (本年增/减). */
  signedColumns: number[];
  rows: DisclosureRowDef[];
}

export const DISCLOSURE_BLOCKS: Record<FormatId, DisclosureBlockDef[]> = {
  '2019': [
    { item: '一', columns: ['本年新制作数量', '本年新公开数量', '对外公开总数量'], amountColumns: [], signedColumns: [], rows: [{ label: '规章', variants: [] }, { label: '规范性文件', variants: ['行政规范性文件'] }] },
    { item: '五', columns: ['上一年项目数量', '本年增/减', '处理决定数量'], amountColumns: [], signedColumns: [1], rows: [{ label: '行政许可', variants: [] }, { label: '其他对外管理服务事项', variants: [] }] },
    { item: '六', columns: ['上一年项目数量', '本年增/减', '处理决定数量'], amountColumns: [], signedColumns: [1], rows: [{ label: '行政处罚', variants: [] }, { label: '行政强制', variants: [] }] },
    { item: '八', columns: ['上一年项目数量', '本年增/减'], amountColumns: [], signedColumns: [1], rows: [{ label: '行政事业性收费', variants: [] }] },
    { item: '九', columns: ['采购项目数量', '采购总金额'], amountColumns: [1], signedColumns: [], rows: [{ label: '政府集中采购', variants: [] }] },
  ],
  '2021': [
    { item: '一', columns: ['本年制发件数', '本年废止件数', '现行有效件数'], amountColumns: [], signedColumns: [], rows: [{ label: '规章', variants: [] }, { label: '行政规范性文件', variants: ['规范性文件'] }] },
    { item: '五', columns: ['本年处理决定数量'], amountColumns: [], signedColumns: [], rows: [{ label: '行政许可', variants: [] }] },
    { item: '六', columns: ['本年处理决定数量'], amountColumns: [], signedColumns: [], rows: [{ label: '行政处罚', variants: [] }, { label: '行政强制', variants: [] }] },
    { item: '八', columns: ['本年收费金额（单位：万元）'], amountColumns: [0], signedColumns: [], rows: [{ label: '行政事业性收费', variants: [] }] },
  ],
};

/** Table labels that only one format uses; counted to detect the format. */
export const FORMAT_MARKERS: Record<FormatId, string[]> = {
  '2019': ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增减', '其他对外管理服务事项', '采购项目数量', '采购总金额', '政府集中采购'],
  '2021': ['本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量', '本年收费金额', '逾期不补正', '收费通知', '缴纳费用'],
};
