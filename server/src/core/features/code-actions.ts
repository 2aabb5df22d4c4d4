/**
 * Code actions as data: findings + the range the editor asks about + the kinds it wants → actions.
 * The server only maps them to LSP types (ranges, workspace edits, commands, its diagnostics).
 *
 * - a quick fix per finding in the range that has one (`isPreferred` only for safe fixes);
 * - "fix all of this rule in the file" beside a safe fix, when the rule has more to fix than it;
 * - "ignore here" and "turn the rule off" (editor commands, named here, run by the client);
 * - `source.fixAll.xxgk-report`: every safe fix, whole, never overlapping; suggestions never.
 */
import { fixAllSelection } from '../check';
import type { Code, Finding, TextEdit } from '../findings';
import { t } from '../i18n';
import type { Span } from '../text';

export const QUICK_FIX = 'quickfix';
export const FIX_ALL = 'source.fixAll.xxgk-report';
export type CodeActionKind = typeof QUICK_FIX | typeof FIX_ALL;

/** An editor command instead of edits: the client keeps ignores and settings, not the core. */
export type CodeActionCommand = { name: 'ignore'; code: Code; offset: number } | { name: 'disableRule'; code: Code };

export interface CodeAction {
  title: string;
  kind: CodeActionKind;
  /** Text edits (non-overlapping) into the document the findings are of. */
  edits?: TextEdit[];
  command?: CodeActionCommand;
  /** The safe fix of a finding: editors apply it first (and on "auto fix"). */
  isPreferred?: boolean;
  /** The findings this action resolves (the server names their diagnostics). */
  findings: Finding[];
}

/**
 * Does the client want actions of `kind`? `only` lists kinds or their parents (`source`,
 * `source.fixAll`); no `only` means every kind.
 */
export function wantsKind(kind: string, only?: readonly string[]): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

/** The actions for the findings that touch `range` (offsets; an empty range is a cursor). */
export function codeActions(findings: Finding[], range: Span, only?: readonly string[]): CodeAction[] {
  const actions: CodeAction[] = [];
  if (wantsKind(FIX_ALL, only)) {
    const all = fixAllSelection(findings);
    if (all.edits.length) actions.push({ title: t('修复所有可自动修复的问题'), kind: FIX_ALL, edits: all.edits, findings: all.findings });
  }
  if (!wantsKind(QUICK_FIX, only)) return actions;
  const here = findings.filter((f) => f.span.start <= range.end && range.start <= f.span.end);
  for (const f of here) {
    if (f.fix) {
      actions.push({ title: f.fix.title, kind: QUICK_FIX, edits: f.fix.edits, isPreferred: f.fix.preferred, findings: [f] });
      if (f.fix.preferred) {
        // Only where it does more than this fix (two identities broken by one cell are one edit).
        const same = fixAllSelection(findings, f.code);
        if (same.findings.length > 1 && same.edits.length > f.fix.edits.length) {
          actions.push({ title: t('修复本文件中所有 {0} 问题（{1} 处）', f.code, same.findings.length), kind: QUICK_FIX, edits: same.edits, findings: same.findings });
        }
      }
    }
    actions.push({ title: t('在此处忽略 {0}', f.code), kind: QUICK_FIX, command: { name: 'ignore', code: f.code, offset: f.span.start }, findings: [f] });
    actions.push({ title: t('在工作区设置中关闭规则 {0}', f.code), kind: QUICK_FIX, command: { name: 'disableRule', code: f.code }, findings: [] });
  }
  // One cell can break several identities: each distinct action once, naming every finding it resolves.
  const byKey = new Map<string, CodeAction>();
  for (const a of actions) {
    const key = `${a.kind}|${a.title}`;
    const prev = byKey.get(key);
    if (!prev) byKey.set(key, a);
    else if (!a.command) for (const f of a.findings) if (!prev.findings.includes(f)) prev.findings.push(f);
  }
  return [...byKey.values()];
}
