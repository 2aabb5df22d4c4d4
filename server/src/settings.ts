/**
 * Settings, validated at the boundary with zod. Two schemas share their fields:
 * - `CheckSettingsSchema`: what a check needs (rule levels, report format, the copied-from-prior-year share). This is what the config file
 *   `.xxgk-report.json` / `.xxgk-report.jsonc` may hold (`ConfigFileSchema`), read by the CLI and the server.
 * - `SettingsSchema`: the editor's settings, the check settings plus the editor-only ones.
 * The package.json `configuration` section and the JSON schema of the config file are generated from these
 * (scripts/gen-schema.mjs); each setting's one description lives in package.nls.json (`config.<key>`).
 */
import { z } from 'zod';
import { CODES } from './core/index';

export const SeverityLevel = z.enum(['off', 'hint', 'information', 'warning', 'error']);

const checkFields = {
  rules: z.partialRecord(z.enum(CODES), SeverityLevel).default({}),
  format: z.enum(['auto', '2019', '2021']).default('auto'),
  copiedShare: z.number().min(0.1).max(1).default(0.5),
};

export const CheckSettingsSchema = z.object(checkFields);
export type CheckSettings = z.infer<typeof CheckSettingsSchema>;

/** The config file: the check settings, and `$schema` for editors; any other key is an error. */
export const ConfigFileSchema = z.strictObject({ $schema: z.string().optional(), ...checkFields });

export const SettingsSchema = z.object({
  ...checkFields,
  run: z.enum(['onType', 'onSave']).default('onType'),
  maxFileSize: z.number().int().min(1000).max(100_000_000).default(2_000_000),
  inlayHints: z.enum(['auto', 'on', 'off']).default('auto'),
  language: z.enum(['zh-cn', 'en']).default('zh-cn'),
  detectByContent: z.boolean().default(true),
});

/** Keys that only the editor reads: in a config file they are reported, not silently ignored. */
export const EDITOR_ONLY_KEYS = Object.keys(SettingsSchema.shape).filter((k) => !(k in checkFields));

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

/**
 * The settings a check of one document uses: the config file's, with the editor's on top. An editor value
 * overrides only where it says something: `format` other than `auto`, and each rule it names.
 */
export function mergeSettings(editor: Settings, file: Partial<CheckSettings> | undefined): Settings {
  if (!file) return editor;
  return {
    ...editor,
    format: editor.format !== 'auto' ? editor.format : (file.format ?? 'auto'),
    // The editor's share wins where it was changed from the default.
    copiedShare: editor.copiedShare !== DEFAULT_SETTINGS.copiedShare ? editor.copiedShare : (file.copiedShare ?? editor.copiedShare),
    rules: { ...(file.rules ?? {}), ...editor.rules },
  };
}
