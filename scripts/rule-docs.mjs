// Writes docs/rules/<code>.md from the rule registry (the pages codeDescription.href points at).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { RULE_INFO } = require('../dist/core.js');
mkdirSync('docs/rules', { recursive: true });
for (const r of RULE_INFO) {
  writeFileSync(`docs/rules/${r.code}.md`, `# ${r.code}\n\n默认级别：\`${r.defaultSeverity}\`\n\n${r.description}\n\n在设置中修改级别或关闭：\`"xxgk-report.rules": { "${r.code}": "off" }\`\n`);
}
console.log(RULE_INFO.map((r) => `| \`${r.code}\` | ${r.defaultSeverity} | ${r.description} |`).join('\n'));
