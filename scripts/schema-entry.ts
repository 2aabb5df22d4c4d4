import { z } from 'zod';
import { ConfigFileSchema, SettingsSchema } from '../server/src/settings';
import { RULE_INFO } from '../server/src/core/rules/index';
/** Each rule code with its one-line description, for the settings UI and the config file schema. */
export const rules = RULE_INFO.map(({ code, description, defaultSeverity }) => ({ code, description, defaultSeverity }));
/** The editor settings (package.json `contributes.configuration`). */
export const schema = z.toJSONSchema(SettingsSchema, { io: 'input' });
/** The config file `.xxgk-report.json` / `.xxgk-report.jsonc`: only what a check needs. */
export const fileSchema = z.toJSONSchema(ConfigFileSchema, { io: 'input' });
