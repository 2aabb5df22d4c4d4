/** The product version: package.json's, read once (the bundler inlines only this field). */
import { version } from '../../package.json';

export const VERSION: string = version;
