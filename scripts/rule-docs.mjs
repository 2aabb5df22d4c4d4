// Writes docs/rules/<code>.md and docs/rules/README.md from the rule registry (code, default level, one-line
// description) and the explanations below (why it matters, a wrong and a right example, what the fix does).
// The pages ship in the .vsix; each diagnostic's codeDescription.href opens its page.
//   node scripts/rule-docs.mjs           write the pages (needs dist/core.js: npm run build)
//   node scripts/rule-docs.mjs --check   exit 1 when a committed page differs from what would be written
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const F2019 = '《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2019〕60号）';
const F2021 = '《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）';
const REG = '《中华人民共和国政府信息公开条例》第五十条';

/** What each rule's page says beyond the registry's one line. */
export const EXPLAIN = {
  'missing-section': {
    why: `${REG}规定年度报告应当包括的内容，${F2021}（2019 年度、2020 年度为 ${F2019}）把它们定为六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。缺少任何一部分，报告就不完整；第六部分即使没有内容，也应写明“无”或收费情况。`,
    wrong: '一、总体情况\n……\n四、政府信息公开行政复议、行政诉讼情况\n……\n六、其他需要报告的事项\n本年度未收取信息处理费。',
    right: '……\n四、政府信息公开行政复议、行政诉讼情况\n……\n五、存在的主要问题及改进情况\n（写明存在的问题和改进措施）\n六、其他需要报告的事项\n本年度未收取信息处理费。',
    fix: '快速修复在应有的位置插入缺少的标题（如 `插入“五、存在的主要问题及改进情况”`），内容需要自己补写。一份看起来根本不是年度报告的文本只得到一条说明，不会得到六条。',
  },
  'duplicate-section': {
    why: '同一部分写了两次，常见于从网页复制时标题重复，或合并两个草稿时留下旧稿。读者和汇总统计都会被重复的内容误导。',
    wrong: '二、主动公开政府信息情况\n……\n二、主动公开政府信息情况\n……',
    right: '二、主动公开政府信息情况\n……（合并为一处）',
    fix: '没有自动修复：哪一处是要保留的，需要人来判断。大纲中两个标题都会列出，便于对照。',
  },
  'section-order': {
    why: `${F2021}规定了六个部分的顺序，各级汇总和公众对照阅读都按这个顺序。`,
    wrong: '一、总体情况\n三、收到和处理政府信息公开申请情况\n二、主动公开政府信息情况',
    right: '一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况',
    fix: '没有自动修复（移动整段正文容易出错）。可在大纲中拖动查看各部分的位置。',
  },
  'heading-variant': {
    why: `部分标题的写法与${F2021}不同（措辞、标点、编号，或标题与正文写在同一行）。内容没有缺，但规范的标题便于检索和汇总。`,
    wrong: '二.主动公开政府信息情况：本年度……',
    right: '二、主动公开政府信息情况\n本年度……',
    fix: '快速修复把标题改为规定写法；标题和正文合写时只改标题部分，不动正文。',
  },
  'missing-table': {
    why: `第二、三、四部分各有一张规定的统计表（${F2021}附表）：主动公开政府信息情况表、收到和处理政府信息公开申请情况表、政府信息公开行政复议和行政诉讼情况表。没有表格，数字就无法核对；即使全部为 0 也应当填报。`,
    wrong: '三、收到和处理政府信息公开申请情况\n本年度共收到申请 12 件，均已按时答复。',
    right: '三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n……（完整的表格）',
    fix: '快速修复插入该格式的空白表格（如 `插入空白的收到和处理政府信息公开申请情况表`），数字需要自己填写。复制时表格变成了“[TABLE]”之类占位符的，会说明表格内容已丢失。',
  },
  'missing-row': {
    why: '统计表按行名查找各行；规定的行缺了，相关的合计与勾稽关系就无法核对。常见原因是复制时丢了一行，或行名写得与规定差别太大。',
    wrong: '（五）不予处理\n1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0\n3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0',
    right: '（五）不予处理\n1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0\n2.重复申请\t0\t0\t0\t0\t0\t0\t0\n3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0',
    fix: '没有自动修复：缺的数字只有填报人知道。',
  },
  'bad-cell': {
    why: '单元格里不是可读的数字（如字母 O 代替 0、`1O`），件数为负数或小数，或表格无法可靠地对齐到规定的列。这些格子不能参与核对，报告发布后也会被读者误读。',
    wrong: '（一）予以公开\t1O\t0\t0\t0\t0\t0\t10',
    right: '（一）予以公开\t10\t0\t0\t0\t0\t0\t10',
    fix: '能确定本意时（如 `1O` → `10`）快速修复改为数字；无法对齐的表格会说明原因（数字与行名连在一起、PDF 文字顺序错乱等），需要对照原表修改。',
  },
  'blank-cell': {
    why: '空白单元格或“/”“—”“无”在核对时按 0 计算。规定的表格要求填写数字，空格容易被理解为漏填。每张表只提示一次，说出空白单元格的个数和所在的行。',
    wrong: '规章\t\t\t5',
    right: '规章\t0\t0\t5',
    fix: '没有自动修复：空白按 0 计算，需要填写时请填实际数字。“新建年度报告”生成的模板已经填好 0，不会出现这条提示。',
  },
  'total-mismatch': {
    why: `${F2021}附表中，（七）总计等于（一）至（六）各项之和，每行的“总计”列等于各类申请人之和，行政复议、行政诉讼各组的“总计”等于结果维持、结果纠正、其他结果、尚未审结之和。合计不符，说明有一格填错。`,
    wrong: '（七）总计\t26\t0\t0\t0\t0\t0\t25   ← 各项之和为 25',
    right: '（七）总计\t25\t0\t0\t0\t0\t0\t25',
    fix: '找出“出现在最多不平衡等式中、且不在任何平衡等式中”的那一格，改为使这些等式都成立的值（如 `将（七）总计·自然人改为 25`），并列时改总计格。悬停在数字上可以看到它所在的每个等式；表格视图中出错的格子标为红色。',
  },
  'balance-mismatch': {
    why: `${F2021}附表三要求：第一项（本年新收）加第二项（上年结转）之和，等于第三项（本年度办理结果的总计）加第四项（结转下年度继续办理）之和，每一列都要成立。不平衡说明收到、办结、结转的数字对不上。`,
    wrong: '一、本年新收\t23 …\n二、上年结转\t2 …\n（七）总计\t26 …\n四、结转下年度继续办理\t0 …   ← 23 + 2 ≠ 26 + 0',
    right: '一、本年新收\t23 …\n二、上年结转\t2 …\n（七）总计\t25 …\n四、结转下年度继续办理\t0 …',
    fix: '与 total-mismatch 相同的方法找出出错的那一格；找不到唯一的一格时只报告，不修改。',
  },
  'disclosure-inconsistent': {
    why: `主动公开情况表（${F2019}）中的数字互相矛盾：本年新公开数量多于对外公开总数量，或上一年项目数量加本年增/减小于 0。2021 年格式的这张表没有这类关系，不做此项检查（跨年度的现行有效件数见 carry-over-mismatch）。`,
    wrong: '规范性文件\t36\t40\t20   ← 本年新公开 40 多于对外公开总数 20',
    right: '规范性文件\t36\t36\t249',
    fix: '没有自动修复：需要核对原始台账。',
  },
  'narrative-mismatch': {
    why: '正文中写的数字（“共收到政府信息公开申请 25 件”“予以公开 14 件”“行政复议 1 件”）应当与统计表一致。读者通常先读正文，不一致会让人怀疑整份报告。',
    wrong: '本年度共收到政府信息公开申请 27 件……\n（表格：一、本年新收·总计 25）',
    right: '本年度共收到政府信息公开申请 25 件……',
    fix: '快速修复（非首选）把正文中的数字改为表格中的数字；也可能是表格填错了，请先核对。消息会写明比较的是表格中哪一项（或哪几项之和）。',
  },
  'year-mismatch': {
    why: '正文叙述本年度工作时写成了其他年份，多见于沿用上一年报告的文字。',
    wrong: '2020年政府信息公开工作年度报告\n……2019年，我局共主动公开政府信息……',
    right: '……2020年，我局共主动公开政府信息……',
    fix: '快速修复（非首选）把年份改为报告年度；“较2019年增长”之类的比较句不会报告。',
  },
  'format-mismatch': {
    why: `2021 年度起的报告应使用${F2021}的新格式；2019、2020 年度使用${F2019}。两种格式的主动公开情况表和“（六）其他处理”的行不同。2019 年以前的旧格式报告只被识别，不做检查。`,
    wrong: '2021年政府信息公开工作年度报告\n……\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量   ← 2019 年格式的列',
    right: '信息内容\t本年制发件数\t本年废止件数\t现行有效件数',
    fix: '没有自动修复：新格式的数字需要按新口径重新统计。设置 `xxgk-report.format` 可以固定按某一格式检查。',
  },
  'variant-char': {
    why: '错用的异体字、日文字形或部首字符（如“釆”应为“采”、“⽂”（康熙部首）应为“文”）在屏幕上几乎看不出来，但会使检索、复制和统计出错，发布后也显得不规范。',
    wrong: '政府集中釆购',
    right: '政府集中采购',
    fix: '快速修复改为规范字（首选，可“修复本文件中所有此类问题”）。',
  },
  'label-variant': {
    why: '表格行名与规定格式的文字不同（如“规范性文件”与 2021 年格式的“行政规范性文件”）。数字仍按行读取，但规范的行名便于汇总。',
    wrong: '2.其他法律法规禁止公开',
    right: '2.其他法律行政法规禁止公开',
    fix: '快速修复改为规定的行名；写错字的行名只给建议，不在“全部修复”中自动修改。格式化文档时也会改用规定的行名，并提示改了哪些。',
  },
  'carry-over-mismatch': {
    why: '上一年度报告的“四、结转下年度继续办理”应当等于本年度报告的“二、上年结转政府信息公开申请数量”；2021 年格式中，上年现行有效件数加本年制发、减本年废止，应等于本年现行有效件数。',
    wrong: '2020年报告：四、结转下年度继续办理·总计 3\n2021年报告：二、上年结转政府信息公开申请数量·总计 1',
    right: '2021年报告：二、上年结转政府信息公开申请数量·总计 3',
    fix: '没有自动修复：可能是今年或去年的报告填错。同一机关相邻两年的报告都在工作区中时，编辑时即时检查；命令行一起检查两份报告时也会报告。',
  },
};

const fence = (s) => '```text\n' + s + '\n```';

export function page(rule) {
  const e = EXPLAIN[rule.code];
  if (!e) throw new Error(`no explanation for ${rule.code} in scripts/rule-docs.mjs`);
  return `# ${rule.code}

${rule.description}

默认级别：\`${rule.defaultSeverity}\`

## 为什么要检查

${e.why}

## 示例

错误：

${fence(e.wrong)}

正确：

${fence(e.right)}

## 修复

${e.fix}

## 修改级别或关闭

在设置（或工作区的 \`.xxgk-report.json\`）中：

\`\`\`json
"xxgk-report.rules": { "${rule.code}": "warning" }
\`\`\`

可选 \`error\`、\`warning\`、\`information\`、\`hint\`、\`off\`。只想忽略某一处时，用快速修复“在此处忽略”（记在工作区状态中，不写进报告；命令“列出‘在此处忽略’的问题”可查看和恢复）。

[全部规则](README.md)
`;
}

export function index(rules) {
  return `# 规则

本目录由 \`node scripts/rule-docs.mjs\` 从规则注册表生成，请勿手工修改。

| 代码 | 默认级别 | 含义 |
|---|---|---|
${rules.map((r) => `| [\`${r.code}\`](${r.code}.md) | ${r.defaultSeverity} | ${r.description} |`).join('\n')}
`;
}

/** Every page as [relative path, content]. */
export function pages(rules) {
  return [...rules.map((r) => [`docs/rules/${r.code}.md`, page(r)]), ['docs/rules/README.md', index(rules)]];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const require = createRequire(import.meta.url);
  const { RULE_INFO } = require(join(root, 'dist/core.js'));
  const check = process.argv.includes('--check');
  let stale = 0;
  if (!check) mkdirSync(join(root, 'docs/rules'), { recursive: true });
  for (const [rel, text] of pages(RULE_INFO)) {
    const file = join(root, rel);
    if (check) {
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
        console.error(`${rel} is out of date: run node scripts/rule-docs.mjs`);
        stale++;
      }
    } else writeFileSync(file, text);
  }
  process.exitCode = stale ? 1 : 0;
}
