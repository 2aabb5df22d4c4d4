/**
 * Settings, validated at the boundary with zod. The package.json `configuration` section and the
 * JSON schema of the workspace config file are generated from this schema (scripts/gen-schema.mjs).
 */
import { z } from 'zod';
import { CODES } from './core/index';

export const SeverityLevel = z.enum(['off', 'hint', 'information', 'warning', 'error']);

export const SettingsSchema = z.object({
  rules: z
    .partialRecord(z.enum(CODES), SeverityLevel)
    .default({})
    .describe('按规则代码设置级别（off/hint/information/warning/error），例如 {"blank-cell": "off"}'),
  format: z.enum(['auto', '2019', '2021']).default('auto').describe('报告格式：auto 按表格识别'),
  run: z.enum(['onType', 'onSave']).default('onType').describe('何时检查：输入时或保存时'),
  maxFileSize: z.number().int().min(1000).max(100_000_000).default(2_000_000).describe('超过此大小（字符数）的文件只给出一条提示，不做完整检查'),
  inlayHints: z.enum(['auto', 'on', 'off']).default('auto').describe('在数字后显示列名：auto 只用于一格一行的表格'),
  language: z.enum(['zh-cn', 'en']).default('zh-cn').describe('诊断消息的语言'),
  detectByContent: z.boolean().default(true).describe('按内容识别年度报告：首几行含“政府信息公开…年度报告”的纯文本文件自动切换语言模式'),
});

export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** Parses what the client sent; invalid fields fall back to their defaults and are listed. */
export function parseSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const input = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(SettingsSchema.shape)) {
    const r = (field as z.ZodType).safeParse(input[key]);
    if (r.success) out[key] = r.data;
    else {
      problems.push(`xxgk-report.${key}: ${r.error.issues.map((i) => i.message).join('; ')}`);
      out[key] = (field as z.ZodType).parse(undefined);
    }
  }
  return { settings: out as Settings, problems };
}
