/** `--format sarif`: SARIF 2.1.0, every rule's metadata with `helpUri` to its page in docs/rules/. */
import { FileResult, RULE_INFO } from '../core/index';
import { VERSION } from '../version';

export const REPO = 'https://github.com/xxgk-report/xxgk-report';
export const RULE_DOCS = `${REPO}/blob/main/docs/rules/`;
const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

export function sarifLog(results: FileResult[]): unknown {
  const rules = RULE_INFO.map((r) => ({
    id: r.code,
    name: r.code.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: r.description },
    helpUri: `${RULE_DOCS}${r.code}.md`,
    // A rule off by default is listed disabled (SARIF `enabled: false`), its level when turned on a note.
    defaultConfiguration: r.defaultSeverity === 'off' ? { enabled: false, level: 'note' as const } : { level: SARIF_LEVEL[r.defaultSeverity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'xxgk-report', version: VERSION, informationUri: REPO, rules } },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((f) =>
          f.diagnostics.map((d) => ({
            ruleId: d.code,
            ruleIndex: index.get(d.code),
            level: SARIF_LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: (f.path ?? '').split('\\').join('/') },
                  region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}

export function formatSarif(results: FileResult[]): string {
  return JSON.stringify(sarifLog(results), null, 2);
}
