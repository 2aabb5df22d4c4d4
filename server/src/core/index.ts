/** The pure core: no VS Code, no LSP runtime. The server, the CLI and the tests all call this. */
export { parseReport } from './parse/report';
export type { ParseOptions } from './parse/report';
export { checkReport, runRules, runSetRules, toFileResult, tablesJson, applyEdits, preferredEdits, fixAll } from './check';
export type { CheckOptions, FileResult, JsonDiagnostic, SeveritySetting } from './check';
export { RULES, RULE_INFO, ARITHMETIC_CODES } from './rules/index';
export { CODES, SEVERITIES } from './findings';
export type { Code, Finding, Fix, Severity, TextEdit } from './findings';
export type { Report } from './model';
export { setLocale, getLocale } from './i18n';
export type { Locale } from './i18n';
export { reportTemplate } from './format/template';
export type { FormatId } from './format/official';
export { splitLines, LineIndex } from './text';
export type { Span, Range, Position } from './text';
