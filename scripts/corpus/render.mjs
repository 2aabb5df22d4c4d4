// HTML authoring of 政府信息公开工作年度报告 tables and pages, in the ways real sites and Word write them.
// Plain Node ESM. Every function is deterministic: same input, same HTML.

export const T3_LABELS = {
  '1': '一、本年新收政府信息公开申请数量',
  '2': '二、上年结转政府信息公开申请数量',
  '3.1': '（一）予以公开',
  '3.2': '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  '3.3.1': '1.属于国家秘密',
  '3.3.2': '2.其他法律行政法规禁止公开',
  '3.3.3': '3.危及“三安全一稳定”',
  '3.3.4': '4.保护第三方合法权益',
  '3.3.5': '5.属于三类内部事务信息',
  '3.3.6': '6.属于四类过程性信息',
  '3.3.7': '7.属于行政执法案卷',
  '3.3.8': '8.属于行政查询事项',
  '3.4.1': '1.本机关不掌握相关政府信息',
  '3.4.2': '2.没有现成信息需要另行制作',
  '3.4.3': '3.补正后申请内容仍不明确',
  '3.5.1': '1.信访举报投诉类申请',
  '3.5.2': '2.重复申请',
  '3.5.3': '3.要求提供公开出版物',
  '3.5.4': '4.无正当理由大量反复申请',
  '3.5.5': '5.要求行政机关确认或重新出具已获取信息',
  '3.6': '（六）其他处理',
  '3.6.1': '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  '3.6.2': '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  '3.6.3': '3.其他',
  '3.7': '（七）总计',
  '4': '四、结转下年度继续办理',
};

const BASE = ['1', '2', '3.1', '3.2',
  '3.3.1', '3.3.2', '3.3.3', '3.3.4', '3.3.5', '3.3.6', '3.3.7', '3.3.8',
  '3.4.1', '3.4.2', '3.4.3', '3.5.1', '3.5.2', '3.5.3', '3.5.4', '3.5.5'];
/** Row ids of table 3. `row6` is 'single' (2019 row （六）其他处理) or 'three' (2021 rows 3.6.1-3.6.3). */
export function t3RowIds(row6) {
  return [...BASE, ...(row6 === 'single' ? ['3.6'] : ['3.6.1', '3.6.2', '3.6.3']), '3.7', '4'];
}

export const REVIEW_HEAD = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
export const APPLICANTS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

/** Table 2 blocks: [item, header cells after 信息内容 (with colspans), rows]. */
export function t2Blocks(format, opts = {}) {
  if (format === '2021') {
    return [
      ['第二十条第（一）项', [['本年制发件数', 1], ['本年废止件数', 1], ['现行有效件数', 1]], ['规章', '行政规范性文件']],
      ['第二十条第（五）项', [['本年处理决定数量', 3]], ['行政许可']],
      ['第二十条第（六）项', [['本年处理决定数量', 3]], ['行政处罚', '行政强制']],
      ['第二十条第（八）项', [['本年收费金额（单位：万元）', 3]], ['行政事业性收费']],
    ];
  }
  return [
    ['第二十条第（一）项', [[opts.brHeaders ? '本年新<br>制作数量' : '本年新制作数量', 1], [opts.brHeaders ? '本年新<br>公开数量' : '本年新公开数量', 1], ['对外公开总数量', 1]], ['规章', '规范性文件']],
    ['第二十条第（五）项', [['上一年项目数量', 1], ['本年增/减', 1], ['处理决定数量', 1]], ['行政许可', '其他对外管理服务事项']],
    ['第二十条第（六）项', [['上一年项目数量', 1], ['本年增/减', 1], ['处理决定数量', 1]], ['行政处罚', '行政强制']],
    ['第二十条第（八）项', [['上一年项目数量', 1], ['本年增/减', 2]], ['行政事业性收费']],
    ['第二十条第（九）项', [['采购项目数量', 1], [opts.purchaseHeader ?? '采购总金额', 2]], ['政府集中采购']],
  ];
}

// ---------------------------------------------------------------- cells

const esc = (s) => String(s);

/**
 * One table cell. `pieces` is a list of paragraph texts (HTML allowed); null means a genuinely empty <td></td>.
 * style.cell: 'word' (Word/WPS export: <p class=MsoNormal> in every cell), 'p' (plain <p>), 'bare' (CMS: text, <br>).
 */
export function td(pieces, attrs, style, kind = 'num') {
  const a = [];
  if (attrs?.rs > 1) a.push(`rowspan=${attrs.rs}`);
  if (attrs?.cs > 1) a.push(`colspan=${attrs.cs}`);
  const mode = style.cell;
  if (mode === 'word') {
    const w = attrs?.w ?? (kind === 'label' ? 160 : 48);
    a.push(`width=${w}`, `valign=${kind === 'label' ? 'center' : 'top'}`,
      `style='width:${(w * 0.75).toFixed(1)}pt;border:solid windowtext 1.0pt;border-top:none;padding:0cm 5.4pt 0cm 5.4pt'`);
  } else if (attrs?.w && style.narrow) {
    a.push(`style="width:${attrs.w}px"`);
  } else if (mode === 'bare') {
    a.push(`align="center"`);
  }
  const open = `<td${a.length ? ' ' + a.join(' ') : ''}>`;
  if (pieces === null) return `${open}</td>`;
  let inner;
  if (mode === 'word') {
    const align = kind === 'label' && style.leftLabels ? 'left' : 'center';
    inner = pieces.map((p) => `<p class=MsoNormal align=${align} style='text-align:${align};line-height:15.0pt;mso-line-height-rule:exactly'><span style='font-size:10.5pt;font-family:仿宋_GB2312;mso-hansi-font-family:"Times New Roman"'>${esc(p)}</span></p>`).join('\n');
  } else if (mode === 'p') {
    inner = pieces.map((p) => `<p>${esc(p)}</p>`).join('');
  } else {
    inner = pieces.map(esc).join('<br>');
  }
  return `${open}${inner}</td>`;
}

/** Split a merged label into pieces of n characters: 三、本 / 年度办 / 理结果. */
export function splitLabel(label, n = 3) {
  const out = [];
  const chars = [...label];
  for (let i = 0; i < chars.length; i += n) out.push(chars.slice(i, i + n).join(''));
  return out;
}

function withThousands(n) {
  const s = String(n);
  const [i, f] = s.split('.');
  return i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f ? '.' + f : '');
}

/**
 * Pieces for a number cell. `key` (e.g. 'a:3.1:0') lets a document override the text of one cell.
 * style.blank: {a,r,d}: how zero cells are written in each table: 'nbsp' (paragraph holding only NBSP),
 *   'empty' (<td></td>), 'spaces' (&nbsp; runs), undefined (the digit 0).
 */
export function numPieces(value, key, style, table) {
  const ov = style.cells?.[key];
  if (ov !== undefined) {
    if (ov === null) return null;
    return Array.isArray(ov) ? ov : [ov];
  }
  if (value === 0 || value === null) {
    const how = style.blank?.[table];
    if (how === 'nbsp') return ['&nbsp;'];
    if (how === 'empty') return null;
    if (how === 'spaces') return ['&nbsp;&nbsp;&nbsp;'];
    if (value === null) return null;
  }
  let s = style.thousands && Math.abs(value) >= 1000 ? withThousands(value) : String(value);
  if (style.signed && key.startsWith('d:') && key.endsWith(':1') && value > 0) s = '+' + s;
  if (style.nbspAround) s = `&nbsp;${s}&nbsp;`;
  if (style.padNumbers && table === 'a' && value !== 0) return ['&nbsp;', s];
  return [s];
}

// ---------------------------------------------------------------- tables

const TABLE_OPEN = {
  word: `<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>`,
  p: `<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%">`,
  bare: `<table border="1" cellspacing="0" cellpadding="4" width="100%" style="border-collapse:collapse">`,
};
const tableOpen = (style) => style.tableOpen ?? TABLE_OPEN[style.cell] ?? TABLE_OPEN.p;

/** Table 2 (主动公开). values: {rowLabel: [numbers]} ; display labels may be overridden via style.labels, header cells via style.heads. */
export function table2(format, values, style) {
  const rows = [];
  for (const [item, heads, labels] of t2Blocks(format, style)) {
    const W = style.narrow ? 90 : 160;
    rows.push(`<tr>${td([item], { cs: 4, w: 600 }, style, 'label')}</tr>`);
    rows.push(`<tr>${td(['信息内容'], { w: W }, style, 'label')}${heads.map(([h, cs]) => td([style.heads?.[h] ?? h], { cs, w: style.narrow ? 60 : 110 }, style, 'label')).join('')}</tr>`);
    for (const label of labels) {
      const vals = values[label];
      const shown = style.labels?.[label] ?? label;
      const cells = heads.map(([, cs], i) => td(numPieces(vals[i], `d:${label}:${i}`, style, 'd'), { cs, w: style.narrow ? 60 : 110 }, style));
      rows.push(`<tr>${td(style.splitT2Labels && shown.length > 4 ? splitLabel(shown, 2) : [shown], { w: W }, style, 'label')}${cells.join('')}</tr>`);
    }
  }
  return `${tableOpen(style)}\n${rows.join('\n')}\n</table>`;
}

/** Table 3 (依申请). apps: {rowId: [7 numbers]} in the order of APPLICANTS. */
export function table3(rowIds, apps, style) {
  const narrow = style.narrow;
  const wGroup = narrow ? 28 : 60, wSub = narrow ? 40 : 80, wLeaf = narrow ? 90 : 200, wNum = narrow ? 30 : 48;
  const L = (label, attrs, split) => td(split && style.split ? splitLabel(label, style.splitN ?? 3) : [style.labels?.[label] ?? label], attrs, style, 'label');
  const head = style.brHeaders
    ? { 自然人: '自<br>然<br>人', 总计: '总<br>计', 商业企业: '商业<br>企业', 科研机构: '科研<br>机构', 社会公益组织: '社会公<br>益组织', 法律服务机构: '法律服<br>务机构', 其他: '其他' }
    : {};
  const H = (h, attrs) => td([head[h] ?? h], { ...attrs, w: wNum }, style, 'label');
  const rows = [];
  rows.push(`<tr>${td(style.split ? ['（本列数据的勾稽关系为：第一项加第二项之和，', '等于第三项加第四项之和）'] : ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'], { cs: 3, rs: 3, w: wGroup + wSub + wLeaf }, style, 'label')}${td(['申请人情况'], { cs: 7 }, style, 'label')}</tr>`);
  rows.push(`<tr>${H('自然人', { rs: 2 })}${td(['法人或其他组织'], { cs: 5 }, style, 'label')}${H('总计', { rs: 2 })}</tr>`);
  rows.push(`<tr>${['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((h) => H(h)).join('')}</tr>`);
  const nums = (id) => apps[id].map((v, c) => td(numPieces(v, `a:${id}:${c}`, style, c === 6 && style.blankTotal ? 'total' : 'a'), { w: wNum }, style)).join('');
  const single6 = rowIds.includes('3.6');
  const groupRows = rowIds.filter((id) => id.startsWith('3.')).length;
  const group = { '3.3': 8, '3.4': 3, '3.5': 5, '3.6': 3 };
  const groupLabel = { '3.3': '（三）不予公开', '3.4': '（四）无法提供', '3.5': '（五）不予处理', '3.6': '（六）其他处理' };
  for (const id of rowIds) {
    const label = T3_LABELS[id];
    let lead = '';
    if (id === '1' || id === '2' || id === '4') {
      lead = L(label, { cs: 3, w: wGroup + wSub + wLeaf });
    } else if (id === '3.1') {
      lead = L('三、本年度办理结果', { rs: groupRows, w: wGroup }, true) + L(label, { cs: 2, w: wSub + wLeaf });
    } else if (id === '3.2' || id === '3.7' || (id === '3.6' && single6)) {
      lead = L(label, { cs: 2, w: wSub + wLeaf });
    } else {
      const g = id.split('.').slice(0, 2).join('.');
      if (id.endsWith('.1')) lead = L(groupLabel[g], { rs: group[g], w: wSub }, true);
      lead += L(label, { w: wLeaf });
    }
    rows.push(`<tr>${lead}${nums(id)}</tr>`);
  }
  return `${tableOpen(style)}\n${rows.join('\n')}\n</table>`;
}

/** Table 4 (复议诉讼). review: {review:[5], suitDirect:[5], suitAfterReview:[5]}. */
export function table4(review, style) {
  const short = style.brHeaders ? ['结果<br>维持', '结果<br>纠正', '其他<br>结果', '尚未<br>审结', '总<br>计'] : REVIEW_HEAD;
  const H = (h, attrs) => td([h], { ...attrs, w: 40 }, style, 'label');
  const rows = [];
  rows.push(`<tr>${td(['行政复议'], { cs: 5 }, style, 'label')}${td(['行政诉讼'], { cs: 10 }, style, 'label')}</tr>`);
  rows.push(`<tr>${short.map((h) => H(h, { rs: 2 })).join('')}${td(['未经复议直接起诉'], { cs: 5 }, style, 'label')}${td(['复议后起诉'], { cs: 5 }, style, 'label')}</tr>`);
  rows.push(`<tr>${[...short, ...short].map((h) => H(h)).join('')}</tr>`);
  const cells = [];
  for (const g of ['review', 'suitDirect', 'suitAfterReview']) {
    review[g].forEach((v, i) => cells.push(td(numPieces(v, `r:${g}:${i}`, style, 'r'), { w: 40 }, style)));
  }
  rows.push(`<tr>${cells.join('')}</tr>`);
  return `${tableOpen(style)}\n${rows.join('\n')}\n</table>`;
}

// ---------------------------------------------------------------- page

/** A heading line in the document's heading style. */
export function heading(text, style) {
  switch (style.heading) {
    case 'h2': return `<h2 style="font-size:16pt;font-family:黑体">${text}</h2>`;
    case 'strong': return `<p style="text-indent:2em"><strong>${text}</strong></p>`;
    case 'b': return `<p><b>${text}</b></p>`;
    case 'emsp': return `<p>&emsp;&emsp;<strong>${text}</strong></p>`;
    case 'tab': return `<p><span style="white-space:pre">&#9;</span><b>${text}</b></p>`;
    case 'word': return `<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><b><span style='font-size:16.0pt;font-family:黑体'>${text}<span lang=EN-US><o:p></o:p></span></span></b></p>`;
    default: return `<p>${text}</p>`;
  }
}

/** A prose paragraph in the document's paragraph style. */
export function para(text, style) {
  if (style.cell === 'word' || style.para === 'word') {
    return `<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt'><span style='font-size:16.0pt;font-family:仿宋_GB2312'>${text}</span></p>`;
  }
  if (style.para === 'indent') return `<p style="text-indent:2em;line-height:2">${text}</p>`;
  if (style.para === 'emsp') return `<p>&emsp;&emsp;${text}</p>`;
  return `<p>${text}</p>`;
}

export function page(title, bodyHtml, style = {}) {
  const css = `body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC",serif;font-size:15px;margin:24px;}
table{border-collapse:collapse;margin:8px 0;}
td{border:1px solid #000;padding:2px 4px;font-size:13px;}
h1{font-size:22px;text-align:center;}`;
  const chrome = style.chrome
    ? `<div class="crumb">首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>\n`
    : '';
  const meta = style.chrome ? `<div class="info">发布时间：${style.chrome}&nbsp;&nbsp;&nbsp;&nbsp;字号：[ 大 中 小 ]</div>\n` : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>
${css}
</style>
</head>
<body>
${chrome}<div class="article">
${meta}${bodyHtml}
</div>
</body>
</html>
`;
}
