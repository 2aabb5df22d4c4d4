import { z } from 'zod';
import { SettingsSchema } from '../server/src/settings';
export const schema = z.toJSONSchema(SettingsSchema, { io: 'input' });
