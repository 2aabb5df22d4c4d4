import { z } from 'zod';
import { ConfigFileSchema, SettingsSchema } from '../server/src/settings';
/** The editor settings (package.json `contributes.configuration`). */
export const schema = z.toJSONSchema(SettingsSchema, { io: 'input' });
/** The config file `.xxgk-report.json` / `.xxgk-report.jsonc`: only what a check needs. */
export const fileSchema = z.toJSONSchema(ConfigFileSchema, { io: 'input' });
