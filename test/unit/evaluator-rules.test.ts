/**
 * What evaluators write up beyond arithmetic (REPORT-FORMAT §10): the fee statement, the right year,
 * the deadline, the signature, an empty section. Each rule on corpus documents changed the way real
 * reports go wrong, and on every sound document of the corpus with no finding.
 */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkReport, crossYearFindings, parseReport, runRules, runSetRules } from '../../server/src/core/index';
import { ROOT } from '../support/fixtures';

const CORPUS = join(ROOT, 'test', 'corpus');
const CODES = ['fee-statement-missing', 'late-report', 'signature-mismatch', 'empty-section'];
const text = (doc: string, shape = 'chromium-innertext') => readFileSync(join(CORPUS, 'text', doc, `${shape}.txt`), 'utf8');
const found = (t: string, code: string) => runRules(parseReport(t)).filter((d) => d.code === code);

/** A 2021-format report (河阳市生态环境局, 2022) signed and dated 2023年1月18日. */
const heyang = text('heyang-ecology-environment-2022');
/** A 2021-format report of a county-level government itself (北林区人民政府, 2024), dated 2025年1月20日 at most. */
const beilin = text('beilin-district-2024');

function changed(t: string, from: string | RegExp, to: string): string {
  const out = t.replace(from, to);
  ok(out !== t, `the change ${String(from)} did not apply`);
  return out;
}

describe('evaluator rules on the corpus', () => {
  it('no finding on any sound document, in any shape', () => {
    const hits: string[] = [];
    for (const doc of readdirSync(join(CORPUS, 'text'))) {
      for (const f of readdirSync(join(CORPUS, 'text', doc))) {
        const r = checkReport(readFileSync(join(CORPUS, 'text', doc, f), 'utf8'));
        for (const d of r.diagnostics) {
          if (CODES.includes(d.code) || (d.code === 'year-mismatch' && /统计期限|打算/.test(d.message))) hits.push(`${doc}/${f}: ${d.code} ${d.message}`);
        }
      }
    }
    deepStrictEqual(hits, []);
  });
});

describe('fee-statement-missing', () => {
  it('the 信息处理费 sentence left out of a 2021-format report', () => {
    const t = changed(heyang, /依据《政府信息公开信息处理费管理办法》[^\n]*\n/, '\n');
    const f = found(t, 'fee-statement-missing');
    strictEqual(f.length, 1);
    strictEqual(f[0].severity, 'warning');
    ok(/信息处理费/.test(f[0].message));
  });
  it('every real wording is a statement', () => {
    for (const said of ['本年度未向申请人收取任何费用。', '本机关未产生信息公开处理费。', '2022年，我局未发生收费情况。', '未发生政府信息公开收费事项。', '全年收取政府信息公开信息处理费3940元。', '2022年，无收取信息处理费情况。']) {
      const t = changed(heyang, /依据《政府信息公开信息处理费管理办法》[^\n]*/, said);
      deepStrictEqual(found(t, 'fee-statement-missing'), [], said);
    }
  });
  it('费用 in another sense (`节约行政费用`) is not a statement', () => {
    const t = changed(heyang, /依据《政府信息公开信息处理费管理办法》[^\n]*/, '我局严格控制政务公开工作费用，节约行政成本。');
    strictEqual(found(t, 'fee-statement-missing').length, 1);
  });
  it('the 表二 row 行政事业性收费 is not a statement', () => {
    const t = changed(heyang, /依据《政府信息公开信息处理费管理办法》[^\n]*/, '本年度行政事业性收费0万元。');
    strictEqual(found(t, 'fee-statement-missing').length, 1);
  });
  it('表三 says a fee notice went unpaid (北林区: 3) while 六 says no fee matter arose, or nothing', () => {
    ok(/2\.申请人逾期未按收费通知要求缴纳费用/.test(beilin));
    // 未收取 (notices sent, nothing collected) agrees with the table.
    deepStrictEqual(found(beilin, 'fee-statement-missing'), []);
    const none = found(changed(beilin, /依据《政府信息公开信息处理费管理办法》[^\n]*/, '2024年，区政府未发生收费情况。'), 'fee-statement-missing');
    strictEqual(none.length, 1);
    ok(/未发生收费情况/.test(none[0].message) && /为 3/.test(none[0].message), none[0].message);
    const silent = found(changed(beilin, /依据《政府信息公开信息处理费管理办法》[^\n]*/, ''), 'fee-statement-missing');
    strictEqual(silent.length, 1);
    ok(/发出过收费通知/.test(silent[0].message), silent[0].message);
    // The cell is the related place.
    const cell = silent[0].related?.[0];
    ok(cell && !cell.report);
    strictEqual(parseReport(beilin).applications!.rows.get('3.6.2')!.cells[6]!.span.start, cell!.span.start);
  });
});

describe('year-mismatch: statistics period and plans in 五', () => {
  it('the statistics period of another year in the opening paragraph', () => {
    const t = changed(heyang, '一、总体情况\n', '一、总体情况\n本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n');
    const f = found(t, 'year-mismatch').filter((d) => /统计期限/.test(d.message));
    strictEqual(f.length, 1);
    strictEqual(f[0].fix?.edits[0].newText, '2022');
    deepStrictEqual(found(changed(heyang, '一、总体情况\n', '一、总体情况\n本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n'), 'year-mismatch'), []);
  });
  it('what was done this year, told in 五 with 将 as a preposition, is no plan', () => {
    const t = changed(heyang, '2023年，我局将继续深入贯彻落实', '2022年，我局将政务公开工作纳入绩效考核，深入贯彻落实');
    deepStrictEqual(found(t, 'year-mismatch'), []);
  });
  it('the date the data were compiled on is not the statistics period', () => {
    const t = changed(heyang, '一、总体情况\n', '一、总体情况\n本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止，数据统计时间截至2023年1月10日。\n');
    deepStrictEqual(found(t, 'year-mismatch'), []);
  });
  it('a plan in 五 dated with the report\'s own year: a hint with the next year', () => {
    const t = changed(heyang, '2023年，我局将继续深入贯彻落实', '2022年，我局将继续深入贯彻落实');
    const f = found(t, 'year-mismatch');
    strictEqual(f.length, 1);
    strictEqual(f[0].severity, 'hint');
    strictEqual(f[0].fix?.edits[0].newText, '2023');
  });
});

describe('late-report', () => {
  it('a department\'s report dated in March (due by 1月31日)', () => {
    const f = found(changed(heyang, '2023年1月18日', '2023年3月12日'), 'late-report');
    strictEqual(f.length, 1);
    ok(/1月31日/.test(f[0].message) && /第五十条/.test(f[0].message), f[0].message);
  });
  it('a county-level government\'s own report is due by 3月31日', () => {
    const date = /\n(2025年1月\d+日)\s*$/.exec(beilin)?.[1];
    ok(date, 'beilin ends with its date');
    deepStrictEqual(found(changed(beilin, date!, '2025年3月20日'), 'late-report'), []);
    strictEqual(found(changed(beilin, date!, '2025年4月2日'), 'late-report').length, 1);
  });
  it('dates written in Chinese numerals, and a date before the year ended', () => {
    strictEqual(found(changed(heyang, '2023年1月18日', '二〇二三年二月十日'), 'late-report').length, 1);
    strictEqual(found(changed(heyang, '2023年1月18日', '二○二三年三月一日'), 'late-report').length, 1);
    deepStrictEqual(found(changed(heyang, '2023年1月18日', '二〇二三年一月十八日'), 'late-report'), []);
    ok(/年度结束/.test(found(changed(heyang, '2023年1月18日', '2022年12月20日'), 'late-report')[0].message));
  });
});

describe('signature-mismatch', () => {
  it('a one-character slip in the signature names the characters', () => {
    const f = found(changed(heyang, /\n河阳市生态环境局\n/, '\n河阳市生态环竟局\n'), 'signature-mismatch');
    strictEqual(f.length, 1);
    ok(/“境”写成了“竟”/.test(f[0].message), f[0].message);
    strictEqual(f[0].fix?.preferred, false);
  });
  it('another body\'s name pasted from a template', () => {
    strictEqual(found(changed(heyang, /\n河阳市生态环境局\n/, '\n河阳市自然资源局\n'), 'signature-mismatch').length, 1);
  });
  it('the same body written shorter or longer is no finding', () => {
    deepStrictEqual(found(changed(heyang, /\n河阳市生态环境局\n/, '\n生态环境局\n'), 'signature-mismatch'), []);
    deepStrictEqual(found(changed(heyang, /\n河阳市生态环境局\n/, '\n河阳市生态环境局办公室\n'), 'signature-mismatch'), []);
  });
});

describe('empty-section', () => {
  it('五 left as 无。', () => {
    const t = changed(heyang, /(五、存在的主要问题及改进情况\n)[\s\S]*?(\n六、)/, '$1\n无。\n$2');
    const f = found(t, 'empty-section');
    strictEqual(f.length, 1);
    ok(/五、存在的主要问题及改进情况/.test(f[0].message));
  });
  it('一 with no text before the next heading', () => {
    const t = changed(heyang, /(一、总体情况\n)[\s\S]*?(\n二、主动公开政府信息情况)/, '$1$2');
    strictEqual(found(t, 'empty-section').length, 1);
  });
  it('六 may honestly be 无其他需要报告的事项', () => {
    const t = changed(heyang, /(六、其他需要报告的事项\n)[\s\S]*?(\n河阳市生态环境局)/, '$1\n无。\n$2');
    deepStrictEqual(found(t, 'empty-section'), []);
  });
});

describe('copied-from-prior-year', () => {
  /** The same body's report of the year before: heyang with every year one less. */
  const lastYear = (t: string) => t.replace(/20(2\d)/g, (_, y: string) => `20${Number(y) - 1}`);
  const pair = (previous: string, current: string) => {
    const a = parseReport(previous);
    const b = parseReport(current);
    strictEqual(b.year! - 1, a.year);
    return (runSetRules([a, b]).get(b) ?? []).filter((f) => f.code === 'copied-from-prior-year');
  };
  it('一 and 五 copied from last year with only the years changed: said per section, with the share', () => {
    const f = pair(lastYear(heyang), heyang);
    deepStrictEqual(f.map((x) => /“(.)、/.exec(x.message)?.[1]), ['一', '五']);
    strictEqual(f[0].severity, 'information');
    ok(/句中有 \d+ 句与2021年度报告的同一部分相同/.test(f[0].message), f[0].message);
  });
  it('a 五 written anew is not copying, though 六 is word for word the same', () => {
    const fresh = changed(heyang, /(五、存在的主要问题及改进情况\n)[\s\S]*?(\n六、)/, '$1\n对照新形势新要求，我局政务公开工作仍有短板：政策解读与文件发布同步率不高，部分解读材料过于简略。\n依申请公开办理中，个别答复文书的说理不够充分，救济途径告知不够醒目。\n基层站所的公开目录更新滞后，与主站栏目设置不一致。\n下一步，我局将建立解读材料与文件同步审核机制，统一答复文书模板，组织基层站所目录专项清理。\n$2');
    deepStrictEqual(pair(lastYear(heyang), fresh).map((x) => /“(.)、/.exec(x.message)?.[1]), ['一']);
  });
  it('the share from which it is reported is a setting (copiedShare, default one half)', () => {
    const kept = /五、存在的主要问题及改进情况\n\n([^\n]+)\n/.exec(heyang)![1];
    const half = changed(heyang, /(五、存在的主要问题及改进情况\n)[\s\S]*?(\n六、)/, `$1\n${kept}\n对照新形势新要求，政策解读与文件发布同步率不高，部分解读材料过于简略。个别答复文书说理不够充分，救济途径告知不够醒目。基层站所公开目录更新滞后，与主站栏目设置不一致。下一步建立解读材料同步审核机制，统一答复文书模板。\n$2`);
    const a = parseReport(lastYear(heyang));
    const b = parseReport(half);
    const five = (share?: number) => crossYearFindings(b, a, { copiedShare: share }).filter((f) => f.code === 'copied-from-prior-year' && /五、/.test(f.message));
    // 3 of its 7 sentences are last year's: below one half, above 0.4.
    strictEqual(five().length, 0);
    strictEqual(five(0.4).length, 1);
    ok(/7 句中有 3 句/.test(five(0.4)[0].message), five(0.4)[0].message);
  });
  it('a setting turns it off', () => {
    const a = parseReport(lastYear(heyang));
    const b = parseReport(heyang);
    ok(crossYearFindings(b, a).some((f) => f.code === 'copied-from-prior-year'));
    ok(crossYearFindings(b, a, { rules: { 'copied-from-prior-year': 'off' } }).every((f) => f.code !== 'copied-from-prior-year'));
  });
  it('the CLI reports it when both years are checked together, in every output format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-copied-'));
    writeFileSync(join(dir, '2021.txt'), lastYear(heyang));
    writeFileSync(join(dir, '2022.txt'), heyang);
    for (const format of ['text', 'json', 'sarif', 'csv']) {
      const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', '--format', format, dir], { encoding: 'utf8' });
      ok(r.stdout.includes('copied-from-prior-year'), `${format}: ${r.stdout.slice(0, 200)}${r.stderr}`);
      if (format === 'json') {
        const file = (JSON.parse(r.stdout) as { files: Array<{ path: string; diagnostics: Array<{ code: string; related?: Array<{ path?: string }> }> }> }).files.find((f) => f.path.endsWith('2022.txt'))!;
        const copied = file.diagnostics.find((d) => d.code === 'copied-from-prior-year')!;
        ok(copied.related?.[0].path?.endsWith('2021.txt'), JSON.stringify(copied));
      }
    }
  });
});

describe('hints off by default: overview-topics, no-follow-through, thin-section', () => {
  const HINTS = { 'overview-topics': 'hint', 'no-follow-through': 'hint', 'thin-section': 'hint' } as const;
  const on = (t: string, code: string) => runRules(parseReport(t), { rules: HINTS }).filter((d) => d.code === code);
  it('off unless turned on', () => {
    const bare = changed(heyang, /(五、存在的主要问题及改进情况\n)[\s\S]*?(\n六、)/, '$1\n工作有待加强。\n$2');
    deepStrictEqual(runRules(parseReport(bare)).filter((d) => d.code in HINTS), []);
    strictEqual(on(bare, 'thin-section').length, 1);
    strictEqual(on(bare, 'thin-section')[0].severity, 'hint');
  });
  it('overview-topics names the topics 一 leaves out', () => {
    const t = changed(heyang, /(一、总体情况\n)[\s\S]*?(\n二、主动公开政府信息情况)/, '$1\n2022年，我局认真贯彻落实《条例》，扎实推进主动公开和依申请公开工作，规范公开目录管理，全年主动公开政府信息五百余条，办理依申请公开二十余件，各项工作有序开展，取得了较好成效。\n$2');
    const f = on(t, 'overview-topics');
    strictEqual(f.length, 1);
    ok(/没有写到：平台建设、监督保障/.test(f[0].message), f[0].message);
    deepStrictEqual(on(heyang, 'overview-topics'), []);
  });
  it('no-follow-through: 五 that says how last year\'s problems were dealt with is no hint', () => {
    strictEqual(on(heyang, 'no-follow-through').length, 1);
    const t = changed(heyang, '2023年，我局将继续深入贯彻落实', '针对上年度报告中指出的公开内容不够全面的问题，我局已逐项整改到位。2023年，我局将继续深入贯彻落实');
    deepStrictEqual(on(t, 'no-follow-through'), []);
  });
});

