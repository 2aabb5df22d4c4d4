/**
 * Client strings: Chinese is the source and what every user sees by default (also in an English
 * VS Code without a language pack); `xxgk-report.language: "en"` switches to the English bundle,
 * the same one the server uses.
 */
import * as l10n from '@vscode/l10n';
import english from '../../l10n/bundle.l10n.en.json';

export function useLanguage(language: string | undefined): void {
  l10n.config({ contents: language === 'en' ? (english as Record<string, string>) : {} });
}

export const t = l10n.t;
